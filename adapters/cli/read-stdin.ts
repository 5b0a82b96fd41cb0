import { stdin } from 'node:process';

/** Standard input as UTF-8, its first `maxBytes` kept (the rest is read and dropped, so the writer never blocks). */
export async function readStdin(maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = chunk as Buffer;
    if (size < maxBytes) chunks.push(b.subarray(0, maxBytes - size));
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
