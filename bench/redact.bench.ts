/**
 * The redactor's cost: per pasted secret of the test table, per text of the dev set (and how many dev
 * texts it changes at all: they carry no secrets, so each change is wording lost from a summary), and the
 * slowest of a set of inputs built to make regular expressions backtrack, at 40,000 characters (the
 * longest message Slack delivers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../src/redact.ts';
import { secretSamples } from '../test/fakes/secret-samples.ts';
import { type Bench, percentile, timed } from './bench.ts';

const LENGTH = 40_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

/** Runs of what each pattern anchors on, with nothing that completes a match. */
const hostile: Record<string, string> = {
  letters: repeat('a'),
  'dotted words': repeat('a.'),
  'key names': repeat('password '),
  'key and colon': repeat('token: '),
  'key then spaces': `password${' '.repeat(LENGTH)}`,
  'JWT starts': repeat('eyJ-'),
  'JWT halves': repeat('eyJaaaaaaaaa.bbbbbbbbbbbb-'),
  'URL schemes': repeat('://'),
  'URL users': repeat('://aaaa:'),
  'PEM header unfinished': `-----BEGIN ${'A'.repeat(LENGTH)}`,
  'registry logins': repeat('docker login '),
  'mysql -p': repeat('mysql -p '),
  'JSON value unclosed': `"password":"${'a'.repeat(LENGTH)}`,
  'JSON keys': repeat('"aaaa'),
  'Bearer prose': repeat('Bearer aaaaaaaa '),
  'flag names': repeat('--a-b-c-password-'),
  'ghp_ near misses': repeat(`ghp_${'a'.repeat(29)}_`),
  'Entra near misses': repeat('abc1Q~'),
  'base64 PEM starts': repeat('LS0tLS1CRUdJTi/'),
  'Authorization headers': repeat('authorization: '),
};

function devTexts(root: string): string[] {
  const dev = join(root, '..', 'shared', 'eval', 'dev.jsonl');
  if (!existsSync(dev)) return [];
  return readFileSync(dev, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

const bench: Bench = {
  name: 'redact',
  async run(ctx) {
    for (let i = 0; i < 3; i++) for (const s of secretSamples) redactSecrets(s.paste);
    const samples = secretSamples.map((s) => timed(() => redactSecrets(s.paste)).ms);
    const texts = devTexts(ctx.root);
    const dev = texts.map((t) => timed(() => redactSecrets(t)));
    const changed = texts.filter((t, i) => dev[i]?.value !== t);
    for (const t of changed) ctx.log(`dev text changed: ${t.slice(0, 80).replace(/\s+/g, ' ')}…`);
    let worst = 0;
    let worstName = '';
    for (const [name, text] of Object.entries(hostile)) {
      const { ms } = timed(() => redactSecrets(text));
      if (ms > worst) [worst, worstName] = [ms, name];
    }
    ctx.log(`slowest hostile input: ${worstName}`);
    return {
      redact_samples: {
        kinds: secretSamples.length,
        p50_ms: percentile(samples, 50),
        p99_ms: percentile(samples, 99),
      },
      redact_dev_set: {
        texts: texts.length,
        p50_ms: percentile(
          dev.map((d) => d.ms),
          50,
        ),
        p99_ms: percentile(
          dev.map((d) => d.ms),
          99,
        ),
        texts_changed: changed.length,
      },
      redact_hostile_40k: { inputs: Object.keys(hostile).length, slowest_ms: worst },
    };
  },
};

export default bench;
