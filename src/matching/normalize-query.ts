/**
 * Taking the error out of a noisy paste, and normalising the variable parts of error text so that a user's
 * values (IPs, pod names, image references, hosts…) meet the placeholders the documents use
 * (`<pod_name>`, `<region>.icr.io/<namespace>/<image>:<tag>`, `XXX.XXX.XXX:10250`, `169.xx.xxx.xxx`).
 *
 * Everything here is a pure function of its input and costs at most linear time in a bounded input: the
 * paste is cut to {@link MAX_QUERY_CHARS}, lines to {@link MAX_LINE_CHARS}, and no pattern nests
 * unbounded quantifiers, so hostile input (megabytes, binary, lines built to make regexes backtrack) still
 * returns quickly with a clear result.
 */

/** Characters of a paste that are looked at; the rest is cut (head and tail are kept: errors sit at both). */
export const MAX_QUERY_CHARS = 64_000;
/** Longer lines are cut: no error message worth matching is longer, and it bounds every per-line pattern. */
export const MAX_LINE_CHARS = 2_000;
/** Error lines kept for the query after de-duplication. */
export const MAX_ERROR_LINES = 24;

export interface ExtractedQuery {
  /** The cleaned paste (formatting, prefixes, timestamps removed), bounded. */
  readonly text: string;
  /** Lines that look like errors, cleaned, variable parts normalised, de-duplicated, in paste order. */
  readonly errorLines: readonly string[];
  /** The same lines before variable parts were normalised (for failure signatures). */
  readonly rawErrorLines: readonly string[];
  /** The cleaned text with variable parts normalised: what the index is searched with. */
  readonly normalized: string;
  /** Why the query is empty or was cut, for a clear answer. */
  readonly notes: readonly ('empty' | 'truncated' | 'binary')[];
}

/** Cuts a paste to a bounded size, keeping its head and tail. */
export function boundInput(text: string, max = MAX_QUERY_CHARS): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const half = Math.floor(max / 2);
  return { text: `${text.slice(0, half)}\n${text.slice(text.length - half)}`, truncated: true };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control bytes is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control bytes is the point
const ANSI_CSI = /\u001b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control bytes is the point
const ANSI_OSC = /\u001b\][^\u0007\u001b]{0,512}(?:\u0007|\u001b\\)/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Share of characters that are control bytes or replacement characters: high for binary junk. */
export function binaryRatio(text: string): number {
  if (text.length === 0) return 0;
  const sample = text.length > 8_192 ? text.slice(0, 8_192) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / sample.length;
}

const ENTITIES: Record<string, string> = {
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
  '&mdash;': '—',
};

/** A container state's failure flag with the value false, in JSON, YAML, `key=value` or prose. */
const FALSE_FLAG = /["']?\b(?:[\w.]{0,40}\.)?(?:OOMKilled|Dead)["']?\s{0,4}(?:[:=]|\bis\b)\s{0,4}["']?false\b["']?,?/gi;

/**
 * Removes chat and terminal formatting: ANSI colour codes, control bytes, Slack markup (`<url|text>`,
 * `<@U123>` mentions, `&gt;` entities, code fences, inline code, quotes, bold) and Windows line ends.
 */
export function cleanPaste(input: string): string {
  let t = input.replace(/\r\n?/g, '\n');
  t = t.replace(ANSI_OSC, '').replace(ANSI_CSI, '');
  t = t.replace(CONTROL, ' ').replace(LONE_SURROGATE, ' ');
  // Slack wraps links and mentions in <…>; a literal < in the message arrives as &lt;, so these are markup.
  t = t.replace(/<([^<>|\s]{1,2000})\|([^<>]{0,2000})>/g, '$2');
  t = t.replace(/<((?:https?|mailto):[^<>\s]{1,2000})>/g, '$1');
  t = t.replace(/<[@#!][^<>\s]{1,200}>/g, ' ');
  t = t.replace(/&(?:gt|lt|amp|quot|apos|nbsp|mdash|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
  const lines = t.split('\n').map((line) => {
    let l = line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line;
    l = l.replace(/^\s{0,8}(?:>\s?){1,4}/, ''); // quote markers
    if (/^\s{0,16}(?:```|~~~)[\w+-]{0,20}\s*$/.test(l)) return '';
    l = l.replace(/```/g, ' ').replace(/`/g, '');
    l = l.replace(/\*\*([^*]{1,400})\*\*/g, '$1');
    // A failure flag reported false (docker inspect's `"OOMKilled": false`) says the failure did not happen.
    if (/false/i.test(l)) l = l.replace(FALSE_FLAG, ' ');
    return l;
  });
  return lines.join('\n');
}

// Line prefixes that carry no meaning for matching. Every pattern is anchored and bounded.
const PREFIXES: readonly RegExp[] = [
  // journald / syslog: "Nov 26 12:07:44 host kubelet[3683]: "
  /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} [^\s:]{1,128} [\w.\-/]{1,64}(?:\[\d{1,10}\])?: /,
  // klog: "I1121 15:57:58.147362    7609 round_trippers.go:570] "
  /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9} {1,16}\d{1,10} [\w.\-/]{1,128}:\d{1,6}\] /,
  // ISO and similar timestamps, optionally bracketed, with an optional level after them
  /^\[?\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?(?: {1,4}\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|FATAL|TRACE)\]?)? {0,4}/i,
  // "time=... level=error msg=" (logrus)
  /^time="[^"]{1,64}" {1,4}level=\w{1,10} {1,4}msg=/,
  // shell prompts: "user@host:~$ ", "[root@host dir]# ", "$ ", "PS C:\> "
  /^[^\s@]{1,64}@[^\s:]{1,128}:[^\s$#]{0,256}[$#] /,
  /^\[[^\s@\]]{1,64}@[^\]]{1,256}\][$#] {0,2}/,
  /^[$#] /,
  /^PS [A-Za-z]:\\[^>]{0,256}> {0,2}/,
  /^[A-Za-z]:\\[^>]{0,256}> {0,2}/,
  // a service name in front of a log line, e.g. "aws-cluster-autoscaler I1002 …": handled by klog after it
  /^[a-z][\w-]{1,40} (?=[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.)/,
];

/** Strips log prefixes, timestamps and prompts from the start of one line. */
export function stripLinePrefix(line: string): string {
  let l = line.replace(/^\s+/, '');
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const p of PREFIXES) {
      const next = l.replace(p, '');
      if (next !== l) {
        l = next.replace(/^\s+/, '');
        changed = true;
      }
    }
    if (!changed) break;
  }
  return l.replace(/\s+$/, '');
}

const EVENTS_HEADER = /^(?:type|last seen|lastseen)\s+(?:reason|type)\b.*\b(?:message|object)\s*$/i;
const RULE_LINE = /^[\s\-=+|~_*]{3,}$/;

const ERROR_WORDS =
  /\b(?:err(?:or|ors)?|fail(?:ed|ure|ing|s)?|unable|cannot|can't|couldn't|could not|denied|refused|time(?:d)? ?out|timeout|forbidden|unauthori[sz]ed|invalid|not found|no such|exception|panic|fatal|back-?off|killed|evicted|insufficient|unhealthy|x509|crashloop\w*|oom\w*|not ready|notready|unreachable|no route|exceeded|warning|doesn't exist|does not exist|not exist|not permitted|permission|rejected|conflict|unknown|missing|no available|didn't|did not|pending|stuck|deadline)\b/i;
const K8S_REASON =
  /\b(?:FailedScheduling|FailedMount|FailedAttachVolume|FailedCreatePodSandBox|FailedCreate|FailedSync|ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName|CrashLoopBackOff|CreateContainerConfigError|CreateContainerError|RunContainerError|OOMKilled|Evicted|ImageGCFailed|FreeDiskSpaceFailed|NodeNotReady|Unschedulable|NotTriggerScaleUp|ScaleDownFailed|BackOff|ContainerCreating|Terminating|NetworkNotReady|DNSConfigForming|Preempted|Killing|ContainerCannotRun|DeadlineExceeded)\b/;

/**
 * The program a "not found" message says is missing: Go's exec (`exec: "bash": executable file not found in
 * $PATH`, which runc and kubectl exec print, its quotes escaped once more by every layer that wrapped the
 * message; for a path, `exec: "/bin/bash": stat /bin/bash: no such file or directory`), bash's
 * `vim: command not found`, dash's `sh: 1: ps: not found`, and runc's `stat /bin/bash: no such file or
 * directory` (the last part of the path). The rest of such a message is the same for every
 * program; the name is what the answer depends on. Read from the lines as pasted: normalising them takes
 * the quotes and the shell's name off.
 */
const MISSING_PROGRAM =
  /exec: \\{0,7}"?(?:[\w./-]{0,200}\/)?([\w.+-]{1,64})\\{0,7}"?: (?:executable file not found|stat [\w./-]{1,200}: no such file or directory)|(?<![\w.-])([\w.+-]{1,64}): command not found|\bsh: \d{1,6}: ([\w.+-]{1,64}): not found|exec failed: [^\n]{0,200}?stat (?:[\w./-]{0,200}\/)?([\w.+-]{1,64}): no such file or directory/g;

export function missingPrograms(pasted: string): string[] {
  const found = new Set<string>();
  for (const m of pasted.matchAll(MISSING_PROGRAM)) found.add(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  found.delete('');
  return [...found];
}

/**
 * The shell that reports a missing program (`-bash: vi: command not found`, `/bin/sh: 1: ps: not found`):
 * it is the one that ran, not the one that is missing, so its name says nothing about the answer.
 */
const REPORTING_SHELL =
  /(?<![\w.-])-?(?:\/(?:usr\/)?bin\/)?(bash|sh|zsh|dash|ash|ksh): (?:(?:line )?\d{1,6}: )?[\w.+-]{1,64}: (?:command )?not found/g;

export function reportingShells(pasted: string): string[] {
  return [...new Set([...pasted.matchAll(REPORTING_SHELL)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/** True for a line that looks like it carries an error (words, reasons, status codes). */
export function looksLikeError(line: string): boolean {
  if (line.length < 4) return false;
  return ERROR_WORDS.test(line) || K8S_REASON.test(line) || /\b(?:4\d\d|5\d\d) [A-Z][a-z]/.test(line);
}

// ---------------------------------------------------------------------------------------------------------
// Variable parts. The same function runs over section text at index time and over the paste at query time.

const FILE_EXT =
  /^(?:go|ts|js|mjs|cjs|py|rb|java|yaml|yml|json|conf|cfg|toml|ini|txt|log|sh|ps1|psm1|md|env|exe|dll|service|sock|pem|crt|key|csr|tar|gz|tgz|zip|html|xml|lock|d)$/i;

const HOST_TLD =
  /^(?:com|net|org|io|dev|cloud|internal|local|svc|cluster|app|ai|biz|info|xyz|tech|site|online|corp|lan|home|example|test|localdomain|gov|edu|mil)$/i;

function placeholderWord(inner: string): string {
  const p = inner.toLowerCase();
  if (/ip\b|ip_|ip$|_ip|address/.test(p)) return ' ipaddr ';
  if (/pod/.test(p)) return ' podname ';
  if (/node|worker/.test(p)) return ' nodename ';
  if (/image/.test(p)) return ' imageref ';
  if (/mail/.test(p)) return ' email ';
  if (/\bid\b|_id\b|guid|uuid/.test(p)) return ' someid ';
  return ' somename ';
}

function registryWord(host: string): string {
  const labels = host.toLowerCase().replace(/:\d+$/, '').split('.');
  if (labels.length < 2) return '';
  // The base domain's name carries meaning (icr, bluemix, gcr, docker, amazonaws); regions and subdomains do not.
  const base = labels[labels.length - 2] ?? '';
  return /^[a-z][a-z0-9-]{1,30}$/.test(base) && !base.startsWith('<') ? ` ${base}` : '';
}

const PART = /^[\w<>.-]+$/;

/**
 * Whether a whitespace-free token is an image reference: `[host[:port]/]path[:tag][@sha256:…]`, written with
 * or without placeholders. Plain string checks on one token: no pattern here can backtrack.
 */
function imageRef(token: string): { host: string; name: string } | undefined {
  let ref = token;
  let digest = false;
  const at = ref.indexOf('@sha256:');
  if (at > 0) {
    if (!/^[0-9a-f]{6,64}$/.test(ref.slice(at + 8))) return undefined;
    digest = true;
    ref = ref.slice(0, at);
  }
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  let tag = '';
  if (colon > slash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  if (!tag && !digest) return undefined;
  if (tag && !/^[\w<][\w<>.-]{0,127}$/.test(tag)) return undefined;
  const parts = ref.split('/');
  if (parts.length > 8 || parts.some((p) => !p || !PART.test(p))) return undefined;
  const first = parts[0] ?? '';
  const hasPath = parts.length > 1;
  const hasHost =
    hasPath && (first.includes('.') || first.includes(':') || first.startsWith('<') || first === 'localhost');
  if (!hasPath) {
    // name:tag alone is an image only with a version-like tag; "host:8080" is not.
    if (digest) return { host: '', name: first };
    if (/^\d{1,5}$/.test(tag) || !/^(?:v?\d|latest$|<)/i.test(tag)) return undefined;
    if (!/^[a-z<]/.test(first)) return undefined;
  }
  if (hasHost && /^\d{1,5}$/.test(tag) && parts.length === 1) return undefined;
  return { host: hasHost ? first.replace(/:\d{1,5}$/, '') : '', name: parts[parts.length - 1] ?? '' };
}

function replaceImageRefs(text: string): string {
  // Only tokens holding a ":" or "@" can be image references (a tag or a digest).
  return text.replace(
    /(?<![^\s"'`()[\]{},;=|])[^\s"'`()[\]{},;=|:@]{0,400}[:@][^\s"'`()[\]{},;=|]{1,400}/g,
    (token) => {
      const trimmed = token.replace(/[.:]+$/, '');
      const ref = imageRef(trimmed);
      if (!ref) return token;
      // The image's own name stays beside the placeholder: `pause`, `busybox` or `tiller` can be what a
      // section is about; a team's own image names are words no section holds, and weigh nothing.
      const name = /^[a-z][a-z0-9-]{1,40}$/.test(ref.name) ? ` ${ref.name}` : '';
      return ` imageref${ref.host ? registryWord(ref.host) : ''}${name} ${token.slice(trimmed.length)}`;
    },
  );
}

/** Timestamps inside lines (ISO, RFC 1123, "Mar 17, 2023, 6:51:43 PM", bare clock times). */
function stripTimes(text: string): string {
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?/g, ' ')
    .replace(
      /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}(?: [+-]\d{4}| [A-Z]{3})?/g,
      ' ',
    )
    .replace(/\b[A-Z][a-z]{2} \d{1,2}, \d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: [AP]M)?/g, ' ')
    .replace(/\b\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?\b/g, ' ');
}

const DIGIT = /\d/;
/** What an image reference needs: a ':' or '@' with a token character right after it. */
const TAG_OR_DIGEST = /[:@][^\s"'`()[\]{},;=|]/;
/** What an IPv6 address needs. */
const HEX_COLON_HEX = /[0-9a-f]:[0-9a-f]/i;
const QUOTE = /["'\u201c\u2018]/;

/**
 * Replaces the variable parts of error text with fixed words: `ipaddr`, `podname`, `nodename`, `imageref`,
 * `hostname`, `someid`, `somename`, `email`. Ports stay (10250 and 6443 mean something), as do the base
 * names of registry domains (icr, bluemix, gcr) and an image's own name (`k8s.gcr.io/pause:3.1`: pause).
 */
export function normalizeVariables(input: string): string {
  let t = input;
  // URLs: drop the scheme, keep host and path for the rules below.
  const colon = t.includes(':');
  if (t.includes('://')) t = t.replace(/\b(?:https?|tcp|unix):\/\//gi, ' ');
  if (t.includes('@')) t = t.replace(/\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}\b/g, ' email ');
  // Image references first: they may be made of placeholders (<region>.icr.io/<namespace>/<image>:<tag>).
  if ((colon || t.includes('@')) && TAG_OR_DIGEST.test(t)) t = replaceImageRefs(t);
  // Document placeholders in angle brackets: <pod_name>, <workerIP>, <cluster_name_or_ID>.
  if (t.includes('<')) t = t.replace(/<([A-Za-z][\w .-]{0,40})>/g, (_m, inner: string) => placeholderWord(inner));
  // Each pattern below needs some character (a dash, a dot, a digit…): lines without it skip the pass.
  if (t.includes('-')) t = t.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' someid ');
  // IPv4, also masked the way the documents write them (XXX.XXX.XXX, 169.xx.xxx.xxx), with their port.
  if (t.includes('.'))
    t = t.replace(
      /(?<![\w.])(?:\d{1,3}|x{1,3})(?:\.(?:\d{1,3}|x{1,3})){2,3}(?:\/\d{1,2})?(?::(\d{1,5}))?(?![\w.])/gi,
      // Three numbers are a version (`1.19.3`); only a masked address has three parts.
      (m, port?: string) => (/x/i.test(m) || m.split('.').length > 3 ? ` ipaddr ${port ?? ''} ` : m),
    );
  if (colon && HEX_COLON_HEX.test(t))
    t = t.replace(
      /\[?(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\]?(?::(\d{1,5}))?/gi,
      (_m, port?: string) => ` ipaddr ${port ?? ''} `,
    );
  // A shell names itself before the command it could not find (`bash: ps: command not found`, dash's
  // `sh: 1: ps: not found`): the missing command is the subject, not the shell.
  if (t.includes('sh: '))
    t = t.replace(/(?<![\w/.-])(?:ba|z|k|da|a)?sh: (?:\d{1,6}: )?(?=[\w.+-]{1,64}: (?:command )?not found)/g, '');
  // Timestamps and ages that survive inside lines.
  if (colon) t = stripTimes(t);
  if (t.includes('(x')) t = t.replace(/\(x\d{1,6} over \d{1,6}[smhd](?:\d{1,3}[smh]){0,2}\)/g, ' ');
  if (DIGIT.test(t)) {
    t = t.replace(/(?<![\w.-])\d{1,6}[smhd](?:\d{1,3}[smh]){0,2}(?![\w.-])/g, ' ');
    // Only ids with a digit are replaced.
    t = t.replace(/\b[0-9a-f]{12,64}\b/gi, (m) => (/\d/.test(m) && /[a-f]/i.test(m) ? ' someid ' : m));
  }
  // Node names: cloud host names and generated worker ids.
  if (t.includes('ip-')) t = t.replace(/\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[\w-]{1,63}){0,5}/g, ' nodename ');
  if (t.includes('kube-')) t = t.replace(/\bkube-[a-z]{2,5}\d{1,3}-[a-z0-9]{20,40}-w\d{1,4}\b/g, ' nodename ');
  if (t.includes('aks-')) t = t.replace(/\baks-[a-z0-9]{1,20}-\d{6,10}-(?:vmss)?[0-9a-z]{1,8}\b/g, ' nodename ');
  // Pod names: <deployment>-<replicaset hash>-<5 chars>, and <owner>-<5 chars with a digit>.
  if (t.includes('-')) {
    t = t.replace(/(?<![\w.-])[a-z0-9](?:[a-z0-9-]{0,80}[a-z0-9])?-[a-z0-9]{6,10}-[a-z0-9]{5}(?![\w.-])/g, (m) =>
      /\d/.test(m.slice(-17)) ? ' podname ' : m,
    );
    t = t.replace(/(?<![\w.-])[a-z][a-z0-9-]{1,80}-(?=[a-z]{0,4}\d)[a-z0-9]{5}(?![\w.-])/g, ' podname ');
  }
  // Host names (not file names): at least one dot and a letter-only last label.
  if (t.includes('.'))
    t = t.replace(
      /(?<![\w.\-/@])((?:[a-z0-9](?:[a-z0-9-]{0,62})\.){1,8}([a-z]{2,12}))(?::(\d{1,5}))?(?![\w-]|\.\w)/gi,
      (m, host: string, tld: string, port?: string) => {
        if (FILE_EXT.test(tld) || !(tld.length === 2 || HOST_TLD.test(tld))) return m;
        if (!/[a-z]/i.test(host.split('.')[0] ?? '')) return m;
        return ` hostname${registryWord(host)} ${port ?? ''} `;
      },
    );
  // Go's exec error quotes the command it could not find (`exec: "tar": executable file not found in $PATH`):
  // that name is what is missing, not a user's object, so it stays.
  if (t.includes('executable file not found'))
    t = t.replace(/\bexec: (["'])([\w.+-]{1,64})\1: executable file not found/g, 'exec: $2: executable file not found');
  // Quoted single names: secrets "my-secret" not found → secrets "somename" not found. A quoted plain word
  // (`stuck in 'pending'`, `'cr' is not a registered command`) is a word, and stays.
  if (QUOTE.test(t))
    t = t.replace(/(["'\u201c\u2018])([\w.:/@-]{1,100})\1/g, (m, q: string, inner: string) =>
      /^(?:ipaddr|podname|nodename|imageref|hostname|someid|somename)$/.test(inner) ||
      !/[a-z]/i.test(inner) ||
      /\w\.\w/.test(inner) || // dotted ids (message ids, webhook names) carry meaning
      /^[a-z]+$/i.test(inner) // a plain word in quotes is a word ('pending', 'cr'); names have -, _, digits
        ? m
        : `${q}somename${q}`,
    );
  return t.replace(/[ \t]{2,}/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Takes the error out of a paste: bounds it, cleans formatting, strips per-line prefixes, drops table
 * headers and rules, picks the lines that look like errors (all lines when none do, as in typed
 * questions), normalises variable parts and removes duplicates (repeated events).
 */
export function extractQuery(raw: string): ExtractedQuery {
  const notes: ('empty' | 'truncated' | 'binary')[] = [];
  const bounded = boundInput(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (bounded.truncated) notes.push('truncated');
  if (binaryRatio(bounded.text) > 0.3) {
    notes.push('binary');
    return { text: '', errorLines: [], rawErrorLines: [], normalized: '', notes };
  }
  const cleaned = cleanPaste(bounded.text);
  const lines: string[] = [];
  for (const rawLine of cleaned.split('\n')) {
    const l = stripLinePrefix(rawLine);
    if (!l || RULE_LINE.test(l) || EVENTS_HEADER.test(l)) continue;
    lines.push(l);
    if (lines.length >= 4_000) break;
  }
  const text = lines.join('\n');
  if (!/[\p{L}\p{N}]/u.test(text)) {
    notes.push('empty');
    return { text: '', errorLines: [], rawErrorLines: [], normalized: '', notes };
  }
  const seen = new Set<string>();
  const errorLines: string[] = [];
  const rawErrorLines: string[] = [];
  for (const l of lines) {
    if (!looksLikeError(l)) continue;
    const n = normalizeVariables(l).trim();
    const key = n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    errorLines.push(n);
    rawErrorLines.push(l);
    if (errorLines.length >= MAX_ERROR_LINES) break;
  }
  return { text, errorLines, rawErrorLines, normalized: normalizeVariables(text), notes };
}
