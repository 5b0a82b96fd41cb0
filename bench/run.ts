/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every bench/*.bench.ts module (see bench.ts for the
 * contract), prints a readable table per group, and with --json one JSON object on the last line.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Bench, type Figures, round } from './bench.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

function table(group: string, figures: Figures): string {
  const rows = Object.entries(figures).map(([k, v]) => [k, String(round(v))] as const);
  const w = Math.max(8, ...rows.map(([k]) => k.length));
  return [`${group}`, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v.padStart(10)}`)].join('\n');
}

const files = (await readdir(import.meta.dirname)).filter((f) => f.endsWith('.bench.ts')).sort();
const all: Record<string, Figures> = {};
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default?: Bench };
  const bench = mod.default;
  if (!bench || typeof bench.run !== 'function') {
    process.stderr.write(`# ${file}: no default Bench export, skipped\n`);
    continue;
  }
  if (only && bench.name !== only) continue;
  process.stderr.write(`# ${bench.name} (${file})\n`);
  try {
    const groups = await bench.run({ root, log: (m) => process.stderr.write(`  ${m}\n`) });
    for (const [group, figures] of Object.entries(groups)) {
      if (group in all) throw new Error(`figure group "${group}" is reported twice`);
      all[group] = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v)]));
      process.stdout.write(`${table(group, figures)}\n\n`);
    }
  } catch (err) {
    failed = true;
    process.stderr.write(`  failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
process.exitCode = failed ? 1 : 0;
