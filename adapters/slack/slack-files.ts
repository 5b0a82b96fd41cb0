/**
 * Text shared as files: Slack turns long pastes into snippets, and people attach logs. The bot reads the
 * text-like ones within a size bound, with its token, only from Slack's own file hosts (or the configured
 * API host), never from an address that would receive the token otherwise.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';
import type { SlackFile } from './from-slack.ts';

export interface FileReadOptions {
  readonly client: webApi.WebClient;
  readonly token: string;
  /** The Web API base; its host is trusted with the token too (GovSlack, a proxy, tests). */
  readonly apiUrl: string;
  readonly log: Logger;
  /** Per file. Default 512 KiB. */
  readonly maxFileBytes?: number;
  /** All files of one message together. Default 1 MiB. */
  readonly maxTotalBytes?: number;
  readonly timeoutMs?: number;
}

const textTypes = new Set([
  'text',
  'txt',
  'log',
  'yaml',
  'yml',
  'json',
  'xml',
  'csv',
  'shell',
  'bash',
  'sh',
  'markdown',
  'md',
  'diff',
  'python',
  'go',
  'javascript',
  'typescript',
  'java',
  'dockerfile',
  'toml',
  'ini',
  'properties',
  'sql',
  'auto',
]);

export function isTextFile(file: SlackFile): boolean {
  if (file.mode === 'snippet') return true;
  if (file.mimetype?.startsWith('text/')) return true;
  if (file.mimetype && /^application\/(json|x-yaml|yaml|xml|x-sh|x-shellscript)$/.test(file.mimetype)) return true;
  return file.filetype !== undefined && textTypes.has(file.filetype);
}

/**
 * The text of the message's text files, joined (empty when there are none or none could be read), and
 * whether one of them was longer than the bytes left for it and only its head was read.
 */
export async function readSharedText(
  files: readonly SlackFile[],
  options: FileReadOptions,
): Promise<{ readonly text: string; readonly cut: boolean }> {
  const maxFile = options.maxFileBytes ?? 512 * 1024;
  let budget = options.maxTotalBytes ?? 1024 * 1024;
  const texts: string[] = [];
  let cut = false;
  for (const shared of files.slice(0, 10)) {
    if (budget <= 0) break;
    if (shared.mode === 'hidden_by_limit' || shared.mode === 'tombstone') continue;
    try {
      const file = shared.url_private && shared.mimetype ? shared : await fileInfo(shared.id, options.client);
      if (!file || !isTextFile(file)) continue;
      if (file.size !== undefined && file.size > maxFile) {
        options.log.info({ fileId: file.id, size: file.size }, 'shared file too large to read');
        continue;
      }
      const read = await download(file, Math.min(maxFile, budget), options);
      if (read?.text) {
        texts.push(read.text);
        cut ||= read.cut;
        budget -= Buffer.byteLength(read.text);
      }
    } catch (err) {
      options.log.warn({ err, fileId: shared.id }, 'shared file not read');
    }
  }
  return { text: texts.join('\n\n'), cut };
}

async function fileInfo(id: string, client: webApi.WebClient): Promise<SlackFile | undefined> {
  const info = await client.files.info({ file: id });
  return info.file as SlackFile | undefined;
}

async function download(
  file: SlackFile,
  maxBytes: number,
  options: FileReadOptions,
): Promise<{ text: string; cut: boolean } | undefined> {
  const url = file.url_private_download ?? file.url_private;
  if (!url || !trustedHost(url, options.apiUrl)) {
    if (url) options.log.warn({ fileId: file.id }, 'shared file on an unexpected host: not read');
    return file.preview === undefined ? undefined : { text: file.preview, cut: false };
  }
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${options.token}` },
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  if (!response.ok || !response.body) throw new Error(`download failed with HTTP ${response.status}`);
  // Slack answers a bad token with its HTML sign-in page and a 200.
  if (response.headers.get('content-type')?.includes('text/html') && file.filetype !== 'html') {
    await response.body.cancel();
    throw new Error('download answered with an HTML page (missing files:read scope?)');
  }
  const { bytes, cut } = await readBounded(response.body, maxBytes);
  if (bytes.subarray(0, 8192).includes(0)) return undefined; // binary, whatever its name says
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), cut };
}

async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const reader = body.getReader();
  while (total <= maxBytes) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    total += next.value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), cut: !done && total > maxBytes };
}

function trustedHost(url: string, apiUrl: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  const slackHosts = /(^|\.)(slack\.com|slack-files\.com|slack-gov\.com|slack-edge\.com)$/;
  return slackHosts.test(host) || host === new URL(apiUrl).hostname;
}
