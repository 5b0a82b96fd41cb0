/**
 * Generated hostile pastes for the chat entry points, the same on every run (a seeded generator): broken
 * Slack and Teams markup, binary, deep nesting, and sizes at and around each platform's bound. The fuzz
 * test sends them through Slack, Teams and the playground; `npm run bench -- --only hostile` measures the
 * event loop while they are handled.
 */
import { seededRandom } from './seeded-random.ts';

export interface HostileText {
  /** Says what the text is built to provoke, for failure messages and figures. */
  readonly name: string;
  readonly text: string;
}

/** Markup a parser may stumble on: Slack tokens whole and broken, Teams HTML, entities, separators. */
const markupPieces = [
  '<@',
  '<@U0BOT>',
  '<@U0BOT|kbot>',
  '<@U12AB|kim>',
  '<#C',
  '<#C0SUP|support>',
  '<#C|',
  '<!',
  '<!here>',
  '<!subteam^S1|@sre>',
  '<!date^1700000000^{date}|today>',
  '<http:',
  '<https://evil.example/login|Fix>',
  '<mailto:a@b.c|a>',
  '|',
  '>',
  '<',
  '&lt;',
  '&gt;',
  '&amp;',
  '&#x1F600;',
  '&#99999999;',
  '&',
  '<at>',
  '</at>',
  '<p>',
  '</p>',
  '<br>',
  '<pre>',
  '<a href="x"',
  '[Fix](https://evil.example)',
  '```',
  '`',
  '*',
  '_',
  '~',
  '\n',
  ' ',
  'ImagePullBackOff',
  'Back-off pulling image "r.example/a:1": 401 Unauthorized',
  '0/3 nodes are available: 3 Insufficient cpu',
  '파드',
];

/** Units that, repeated without their closing half, made the earlier markup readers quadratic. */
const unclosed = ['<@', '<#C|', '<!', '<http:', '<https://x|', '<a ', '<br ', '&#', '<at>', '<p '];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function markupSoup(random: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const piece = pick(random, markupPieces);
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('').slice(0, length);
}

/** Any UTF-16 code unit: control characters, NUL, lone surrogates, private use, right-to-left marks. */
function binary(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 0x10000));
  return text;
}

/** Bytes as a latin1 string: what a binary file pasted as text looks like. */
function bytes(random: () => number, length: number): string {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256))).toString('latin1');
}

/**
 * The set. `sizes` are the lengths the size cases sit around (the platforms' bounds); `large` drops the
 * cases above 64 KiB for an entry point whose body limit would refuse them before any parsing anyway.
 */
export function hostileTexts(
  options: { readonly seed?: number; readonly sizes?: readonly number[] } = {},
): HostileText[] {
  const random = seededRandom(options.seed ?? 15);
  const texts: HostileText[] = [];
  for (const length of [200, 4_000, 40_000]) {
    texts.push({ name: `markup soup of ${length}`, text: markupSoup(random, length) });
  }
  for (const unit of unclosed) {
    texts.push({ name: `${JSON.stringify(unit)} unclosed, 40,000 characters`, text: repeatTo(unit, 40_000) });
  }
  for (const unit of ['<@', '<!', '<http:']) {
    texts.push({ name: `${JSON.stringify(unit)} unclosed, 200,000 characters`, text: repeatTo(unit, 200_000) });
  }
  texts.push({ name: 'binary code units, 20,000', text: binary(random, 20_000) });
  texts.push({ name: 'latin1 bytes, 60,000', text: bytes(random, 60_000) });
  texts.push({ name: 'NUL and control characters', text: '\u0000\u0001\u001b[31m\u0007\u202e\ufeff'.repeat(2_000) });
  texts.push({ name: 'lone surrogates', text: '\ud800x\udc00'.repeat(5_000) });
  texts.push({ name: 'brackets nested 20,000 deep', text: `${'<'.repeat(20_000)}@U12AB${'>'.repeat(20_000)}` });
  texts.push({ name: 'tokens nested in tokens', text: repeatTo('<<@U1|<#C1|<!here|<http://x|', 30_000) });
  texts.push({ name: 'JSON nested 5,000 deep', text: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` });
  texts.push({ name: 'quotes and lists nested', text: repeatTo('> - > 1. > * ', 30_000) });
  texts.push({ name: 'one line of 100,000 without spaces', text: repeatTo('a-b.c/d:e', 100_000) });
  texts.push({ name: 'empty', text: '' });
  texts.push({ name: 'only spaces', text: ' '.repeat(10_000) });
  for (const size of options.sizes ?? [40_000, 64_000, 256 * 1024]) {
    for (const length of [size - 1, size, size + 1]) {
      texts.push({
        name: `error paste of ${length}`,
        text: repeatTo('Warning Failed kubelet Back-off pulling image 401 Unauthorized\n', length),
      });
    }
  }
  return texts;
}
