/**
 * Fresh variants of a paste, as the same failure reads when someone else pastes it later: other pod
 * hashes, names, addresses, ids and times, and its lines in another order. Seeded, so a run is repeatable
 * (`variantOf(text, seed)` gives the same text for the same seed).
 */
import { createHash } from 'node:crypto';
import { seededRandom as generator } from '../test/fakes/seeded-random.ts';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const alnum = 'bcdfghjklmnpqrstvwxz2456789';
const hex = '0123456789abcdef';
const names = ['payments', 'checkout', 'ledger', 'search', 'billing', 'gateway', 'orders', 'catalog', 'auth', 'relay'];

export function seedOf(text: string, seed: number): number {
  return createHash('sha256').update(`${seed}\u0000${text}`).digest().readUInt32LE(0);
}

export function variantOf(text: string, seed: number): string {
  const random = generator(seedOf(text, seed));
  const pick = (chars: string, n: number) =>
    Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const two = (n: number) => String(n).padStart(2, '0');
  // One replacement per distinct value, so a name repeated in the paste stays the same name.
  const renamed = new Map<string, string>();
  const once = (value: string, make: () => string) => {
    if (!renamed.has(value)) renamed.set(value, make());
    return renamed.get(value)!;
  };
  let t = text;
  // UUIDs and long hex ids (container ids, digests, request ids).
  t = t.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (m) =>
    once(m, () => [8, 4, 4, 4, 12].map((n) => pick(hex, n)).join('-')),
  );
  t = t.replace(/\b[0-9a-f]{12,64}\b/g, (m) =>
    /\d/.test(m) && /[a-f]/.test(m) ? once(m, () => pick(hex, m.length)) : m,
  );
  // Pod names: <owner>-<replicaset hash>-<5>, and <owner>-<5 with a digit>.
  t = t.replace(/\b([a-z][a-z0-9-]{0,40}?)-([a-z0-9]{8,10})-([a-z0-9]{5})\b/g, (m, owner: string, rs: string) =>
    /\d/.test(m.slice(-17)) ? once(m, () => `${owner}-${pick(alnum, rs.length)}-${pick(alnum, 5)}`) : m,
  );
  // IPv4 addresses, with their prefix length or port kept.
  t = t.replace(/(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w.])/g, (m, a: string) =>
    once(m, () => `${Number(a) === 10 ? 10 : int(11, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`),
  );
  // Times: ISO stamps, klog and syslog prefixes, clock times; ages such as 2m or (x4 over 10m).
  t = t.replace(
    /\b(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})/g,
    (_m, _y, _mo, _d, sep: string) =>
      `${int(2021, 2026)}-${two(int(1, 12))}-${two(int(1, 28))}${sep}${two(int(0, 23))}:${two(int(0, 59))}:${two(int(0, 59))}`,
  );
  t = t.replace(
    /\b([IWEF])(\d{4}) (\d{2}):(\d{2}):(\d{2})/g,
    (_m, level: string) =>
      `${level}${two(int(1, 12))}${two(int(1, 28))} ${two(int(0, 23))}:${two(int(0, 59))}:${two(int(0, 59))}`,
  );
  t = t.replace(/\b(\d{1,2}):(\d{2}):(\d{2})\b/g, () => `${two(int(0, 23))}:${two(int(0, 59))}:${two(int(0, 59))}`);
  t = t.replace(/(?<![\w.-])(\d{1,4})([smhd])(?![\w.-])/g, (_m, _n, unit: string) => `${int(1, 59)}${unit}`);
  t = t.replace(/\(x(\d{1,5}) over /g, () => `(x${int(2, 90)} over `);
  // Names of things the user owns: namespaces, objects named after a kind, quoted names.
  const nameLike = () => `${names[int(0, names.length - 1)]}-${pick(lower, 3)}`;
  t = t.replace(
    /(\s(?:-n|--namespace)[ =])([a-z][a-z0-9-]{1,40})\b/g,
    (_m, flag: string, ns: string) => `${flag}${once(`ns:${ns}`, nameLike)}`,
  );
  t = t.replace(
    /\b(pods?|namespaces?|secrets?|configmaps?|deployments?|services?|pvc|persistentvolumeclaims?|serviceaccounts?|nodes?)(\/| ")([a-z][a-z0-9-]{2,40})\b/gi,
    (_m, kind: string, sep: string, name: string) => `${kind}${sep}${once(`${kind}:${name}`, nameLike)}`,
  );
  // The lines in another order: the same events and log lines, shuffled (Fisher-Yates).
  const lines = t.split('\n');
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines.join('\n');
}
