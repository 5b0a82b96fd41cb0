/** A recognisable failure in a container log, named so the reply can say what it is. */
export interface LogSignature {
  readonly id: string;
  readonly name: string;
  readonly pattern: RegExp;
  readonly hint: string;
}

const databasePorts: Readonly<Record<string, string>> = {
  '5432': 'PostgreSQL',
  '3306': 'MySQL',
  '1433': 'SQL Server',
  '6379': 'Redis',
  '27017': 'MongoDB',
  '9042': 'Cassandra',
  '5672': 'RabbitMQ',
  '9092': 'Kafka',
  '11211': 'Memcached',
};

export const logSignatures: readonly LogSignature[] = [
  {
    id: 'connection-refused',
    name: 'connection refused',
    pattern: /connection refused|ECONNREFUSED/i,
    hint: 'a dependency is not listening at that address yet (wrong host/port, or the service is down)',
  },
  {
    id: 'x509',
    name: 'TLS certificate error',
    pattern: /x509:|certificate (?:signed by unknown authority|has expired|is not valid)|CERT_/i,
    hint: 'the certificate is untrusted, expired or issued for another name',
  },
  {
    id: 'no-space',
    name: 'no space left on device',
    pattern: /no space left on device|ENOSPC/i,
    hint: 'a volume or the node disk is full',
  },
  {
    id: 'io-timeout',
    name: 'i/o timeout',
    pattern: /i\/o timeout|context deadline exceeded|ETIMEDOUT/i,
    hint: 'a network call got no answer: check network policies, DNS and the target service',
  },
  {
    id: 'permission-denied',
    name: 'permission denied',
    pattern: /permission denied|EACCES|operation not permitted/i,
    hint: 'the process user cannot read or write a file (runAsUser, fsGroup or volume permissions)',
  },
  {
    id: 'exec-format',
    name: 'exec format error',
    pattern: /exec format error/i,
    hint: 'the image was built for another CPU architecture than the node',
  },
  {
    id: 'not-found-executable',
    name: 'executable not found',
    pattern: /executable file not found|no such file or directory/i,
    hint: 'the command or a file it needs is missing from the image',
  },
  {
    id: 'dns',
    name: 'DNS lookup failure',
    pattern: /no such host|Name or service not known|getaddrinfo ENOTFOUND|Temporary failure in name resolution/i,
    hint: 'a hostname does not resolve from the pod',
  },
  {
    id: 'out-of-memory',
    name: 'out of memory',
    pattern: /out of memory|OutOfMemoryError|Cannot allocate memory/i,
    hint: 'the process ran out of memory before the kernel killed it',
  },
];

/** The signatures a text shows, in list order, with the database named when a known port is refused. */
export function findSignatures(text: string): { signature: LogSignature; detail?: string }[] {
  const found: { signature: LogSignature; detail?: string }[] = [];
  for (const signature of logSignatures) {
    if (!signature.pattern.test(text)) continue;
    if (signature.id === 'connection-refused') {
      const port =
        /:(\d{2,5})\b[^\n]*(?:connection refused|ECONNREFUSED)|(?:connection refused|ECONNREFUSED)[^\n]*:(\d{2,5})\b/i.exec(
          text,
        );
      const db = port ? databasePorts[port[1] ?? port[2] ?? ''] : undefined;
      if (db !== undefined) {
        found.push({ signature, detail: `connection refused to a ${db} port` });
        continue;
      }
    }
    found.push({ signature });
  }
  return found;
}

const errorLine = /\b(?:error|fatal|panic|exception|failed|failure|refused|denied|cannot|unable|traceback)\b|^E\d{4}/i;

/** The first line that reads like an error, else the last non-empty line; bounded for a chat reply. */
export function firstErrorLine(log: string): string | undefined {
  const lines = log
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const line = lines.find((l) => errorLine.test(l)) ?? lines.at(-1);
  return line === undefined ? undefined : line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
