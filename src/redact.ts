/**
 * The one redactor: everything the bot stores (incidents, audit records), logs, or posts (diagnosis
 * evidence, handoffs, echoed arguments) goes through `redactSecrets` or `redactValues` first.
 *
 * Every pattern starts at a fixed literal (a key name, a token prefix, `://`) and bounds what it scans
 * when it can fail, so a 40,000-character paste costs time linear in its length.
 */

export const REDACTED = '[redacted]';

/** Key names whose value is a secret, as they end in env vars, flags, YAML, JSON and connection strings. */
const secretKey = `(?:${[
  'passw(?:or)?d',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'api[_-]?key',
  'apikey',
  'access[_-]?key',
  'account[_-]?key',
  'private[_-]?key',
  'secret[_-]?key',
  'signing[_-]?key',
  'encryption[_-]?key',
  'master[_-]?key',
  'client[_-]?key[_-]?data',
  'credentials?',
  'auth',
  'dockerconfigjson',
  'dockercfg',
  'signature',
  'requirepass',
  'masterauth',
].join('|')})`;

/** Keys whose value is a secret even after a colon, where other keys read like prose ("token: expired"). */
const alwaysSecret = /passw(?:or)?d$|passphrase$|dockerconfigjson$|dockercfg$|key[_-]?data$|requirepass$|masterauth$/i;

/** A value that looks generated rather than written: letters and digits, eight or more. */
function looksGenerated(value: string): boolean {
  return value.length >= 8 && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

type Rule = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

const rules: readonly Rule[] = [
  // Private keys in PEM, whole blocks (a paste cut short loses its END line: then to the end).
  [
    /-----BEGIN[A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    REDACTED,
  ],
  // JSON fields: "password": "…", "auth": "…", "private_key": "-----BEGIN…\n…".
  [
    new RegExp(String.raw`("[A-Za-z0-9_.-]{0,64}${secretKey}"\s{0,16}:\s{0,16}")((?:[^"\\\n]|\\.)+)(")`, 'gi'),
    (m, open: string, value: string, close: string) => (value === REDACTED ? m : `${open}${REDACTED}${close}`),
  ],
  // Authorization headers, whatever the scheme.
  [
    /(\bauthorization["']?[ \t]{0,16}[:=][ \t]{0,16}["']?)(?:(bearer|basic|token|digest|negotiate|apikey)[ \t]+)?([^\s"',;]+)/gi,
    (m, head: string, scheme: string | undefined, value: string) =>
      value === REDACTED ? m : `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Bearer and Basic credentials elsewhere ("curl -H 'Bearer …'"); prose ("Basic authentication") has no
  // digits or capitals.
  [
    /\b(Bearer|bearer|BEARER|Basic|basic|BASIC)([ \t]+)(?=[A-Za-z0-9._~+/=-]{0,4096}[A-Z0-9+/=])[A-Za-z0-9._~+/=-]{8,}/g,
    `$1$2${REDACTED}`,
  ],
  // Credentials inside URLs: scheme://user:password@host, and a token as the whole user part.
  [
    /(:\/\/[^\s/:@'"]{0,256}:)([^\s/@'"]{1,256})@/g,
    (m, head: string, value: string) => (value === REDACTED ? m : `${head}${REDACTED}@`),
  ],
  [/(:\/\/)[A-Za-z0-9_-]{20,256}@/g, `$1${REDACTED}@`],
  // key=value and key: value, the key ending in a secret's name: DB_PASSWORD=…, --set auth.rootPassword=…,
  // client-key-data: …, AccountKey=…;, ?token=…. After a colon only values that look generated, except for
  // keys that are always secret.
  [
    new RegExp(
      String.raw`(${secretKey})(["']?[ \t]{0,16}([:=])[ \t]{0,16})("[^"\n]{1,1024}"|'[^'\n]{1,1024}'|[^\s"',;&]+)`,
      'gi',
    ),
    (m, key: string, sep: string, op: string, value: string) => {
      const quoted = value.startsWith('"') || value.startsWith("'");
      const bare = quoted ? value.slice(1, -1) : value;
      if (bare.startsWith(REDACTED)) return m;
      const secret =
        op === '='
          ? !/^pwd$/i.test(key) || looksGenerated(bare)
          : alwaysSecret.test(key) || quoted || looksGenerated(bare);
      if (!secret) return m;
      return `${key}${sep}${quoted ? `${value[0]}${REDACTED}${value[0]}` : REDACTED}`;
    },
  ],
  // Flags with the value after a space: --password hunter2, --docker-password …, --apikey …, --token ….
  [
    /(--(?:[A-Za-z0-9]{1,32}-){0,3}(?:password|passwd|token|secret|api-?key|apikey|access-key|secret-key|credentials?)[ \t]+)(?![-[])(\S+)/gi,
    `$1${REDACTED}`,
  ],
  // -p after a registry login, and mysql's -p<password>.
  [
    /(\b(?:docker|podman|nerdctl|helm|oras|skopeo|buildah|crane|cr)\b[^\n]{0,40}?\blogin\b[^\n]{0,200}?[ \t]-p[ \t]+)(?![-[])(\S+)/gi,
    `$1${REDACTED}`,
  ],
  [/(\bmysql(?:admin|dump)?\b[^\n]{0,200}?[ \t]-p)(?![[\s-])(\S+)/g, `$1${REDACTED}`],
  // Signed URLs: Azure SAS and the like.
  [/([?&](?:sig|X-Amz-Signature|X-Goog-Signature)=)[^&\s"'#]{8,}/gi, `$1${REDACTED}`],
  // Token shapes with a known prefix, wherever they appear.
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED], // AWS access key ids
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, REDACTED], // GitHub
  [/\bgithub_pat_[A-Za-z0-9_]{22,}/g, REDACTED],
  [/\bgl(?:pat|dt|rt|rtr|ptt|ft|imt|agent|soat|oas|cbt|ffct)-[A-Za-z0-9_-]{20,}/g, REDACTED], // GitLab
  [/\bGR1348941[A-Za-z0-9_-]{20,}/g, REDACTED],
  [/\bxox[a-z](?:\.xox[a-z])?-[A-Za-z0-9-]{10,}/g, REDACTED], // Slack
  [/\bxapp-\d-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{8,}/g, `$1${REDACTED}`],
  [/\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, REDACTED], // Google API keys
  [/\bya29\.[0-9A-Za-z_-]{20,}/g, REDACTED], // Google OAuth access tokens
  [/\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g, REDACTED], // Entra ID (Azure AD) client secrets
  [/\bsha256~[A-Za-z0-9_-]{40,}/g, REDACTED], // OpenShift tokens
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  [/\bdckr_pat_[A-Za-z0-9_-]{20,}/g, REDACTED], // Docker Hub
  [/\bhv[sb]\.[A-Za-z0-9_-]{20,}/g, REDACTED], // Vault
  [/\b[rs]k_live_[A-Za-z0-9]{20,}/g, REDACTED], // Stripe
  // JWTs (service account tokens, OIDC id tokens). The pattern always matches a whole run, so a long
  // "eyJ-eyJ-…" is scanned once; whether the run is a token is decided here.
  [
    /\beyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g,
    (m) => {
      const [header = '', payload = '', signature] = m.split('.');
      return header.length >= 11 && payload.length >= 8 && signature !== undefined ? REDACTED : m;
    },
  ],
  // Base64 docker config ('{"auths":…') and base64 PEM ('-----BEGIN …', a kubeconfig's client-key-data).
  [/\beyJhdXRocyI6[A-Za-z0-9+/=]*/g, REDACTED],
  [/\bLS0tLS1CRUdJTi[A-Za-z0-9+/=]*/g, REDACTED],
];

/**
 * `text` with every secret the patterns know replaced by `[redacted]`, and every literal in `known` (values
 * read from the pod, six characters or more). Keys, schemes and prefixes stay readable
 * (`DB_PASSWORD=[redacted]`, `Bearer [redacted]`); safe to apply twice.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of known) {
    if (value.length >= 6 && out.includes(value)) out = out.split(value).join(REDACTED);
  }
  for (const [pattern, replacement] of rules) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

/** Field names whose value is a secret whatever it looks like (configuration, log fields). */
const secretField = /token|secret|passw(?:or)?d|credential|authorization|cookie|signature/i;

/**
 * A copy of `value` safe to store or log: every string field under a secret-named key replaced, every
 * other string through `redactSecrets`. Plain objects and arrays are copied (to a bounded depth);
 * anything else (errors, dates, buffers) is kept as it is.
 */
export function redactValues<T>(value: T): T {
  return walk(value, '', 0) as T;
}

function walk(value: unknown, key: string, depth: number): unknown {
  if (typeof value === 'string') {
    if (key !== '' && secretField.test(key)) return value === '' ? '' : REDACTED;
    return redactSecrets(value);
  }
  if (depth >= 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, key, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, depth + 1);
  return out;
}
