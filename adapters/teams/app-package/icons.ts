/**
 * The app's icons, drawn in code so they can be regenerated and reviewed: a ship's wheel (the Kubernetes
 * helm) with a check mark. Teams wants a full-colour 192×192 icon and a 32×32 white outline on
 * transparent.
 */
import { encodePng, type Rgba } from './png.ts';

export const accentColor = '#326CE5';

type Paint = (x: number, y: number) => number; // coverage 0..1 of the symbol at a pixel centre

/** The symbol in unit coordinates (-1..1): a ring, eight spokes with knobs, and a hub. */
function helm(stroke: number): Paint {
  return (x, y) => {
    const r = Math.hypot(x, y);
    if (Math.abs(r - 0.58) < stroke) return 1; // the ring
    if (r < 0.2) return 1; // the hub
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      const along = x * Math.cos(a) + y * Math.sin(a);
      const across = Math.abs(-x * Math.sin(a) + y * Math.cos(a));
      if (along > 0 && along < 0.82 && across < stroke * 0.8) return 1; // a spoke
      if (Math.hypot(x - 0.86 * Math.cos(a), y - 0.86 * Math.sin(a)) < stroke * 1.5) return 1; // its knob
    }
    return 0;
  };
}

/** Renders `paint` with 4×4 supersampling so edges stay smooth at 32 px. */
function render(
  size: number,
  margin: number,
  paint: Paint,
  color: (coverage: number) => [number, number, number, number],
): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const scale = (size / 2) * (1 - margin);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hit = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - size / 2) / scale;
          const y = (py + (sy + 0.5) / samples - size / 2) / scale;
          hit += paint(x, y);
        }
      }
      pixels.set(color(hit / (samples * samples)), (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

function hex(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 192×192, white helm on the accent colour, opaque. */
export function colorIcon(): Buffer {
  const [r, g, b] = hex(accentColor);
  return encodePng(
    render(192, 0.3, helm(0.07), (c) => [
      Math.round(r + (255 - r) * c),
      Math.round(g + (255 - g) * c),
      Math.round(b + (255 - b) * c),
      255,
    ]),
  );
}

/** 32×32, white helm on a transparent background (Teams draws it on its own colours). */
export function outlineIcon(): Buffer {
  return encodePng(render(32, 0.06, helm(0.09), (c) => [255, 255, 255, Math.round(255 * c)]));
}
