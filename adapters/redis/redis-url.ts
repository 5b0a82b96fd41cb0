/**
 * REDIS_URL forms, mapped to what ioredis accepts:
 *
 *   redis://[user:password@]host:port[/db]                 one server (rediss:// for TLS)
 *   redis+sentinel://[user:password@]host:port[,host:port…]/<master>[/db]   Sentinel (rediss+sentinel:// for TLS)
 *   redis+cluster://[user:password@]host:port[,host:port…]                    Cluster (rediss+cluster:// for TLS)
 *
 * The password in a Sentinel URL is the data nodes' password; `?sentinelPassword=` sets the sentinels' own.
 */
export type RedisTarget =
  | { readonly mode: 'standalone'; readonly url: string; readonly display: string }
  | {
      readonly mode: 'sentinel';
      readonly sentinels: readonly { readonly host: string; readonly port: number }[];
      readonly name: string;
      readonly db: number;
      readonly username?: string;
      readonly password?: string;
      readonly sentinelPassword?: string;
      readonly tls: boolean;
      readonly display: string;
    }
  | {
      readonly mode: 'cluster';
      readonly nodes: readonly { readonly host: string; readonly port: number }[];
      readonly username?: string;
      readonly password?: string;
      readonly tls: boolean;
      readonly display: string;
    };

const shape = /^(rediss?)(\+sentinel|\+cluster)?:\/\/(?:([^@/]*)@)?([^/?]+)(\/[^?]*)?(?:\?(.*))?$/;

/** Parses REDIS_URL; throws an Error naming what is wrong (never echoing the password). */
export function parseRedisUrl(url: string): RedisTarget {
  const m = shape.exec(url.trim());
  if (!m) {
    throw new Error(
      'REDIS_URL must look like redis://host:6379, redis+sentinel://host:26379,host:26379/mymaster or redis+cluster://host:7000,host:7001',
    );
  }
  const [, scheme = 'redis', variant, auth, hostList = '', path = '', query = ''] = m;
  const tls = scheme === 'rediss';
  const hosts = hostList.split(',').map((h) => parseHost(h, variant === '+sentinel' ? 26379 : 6379));
  const display = `${scheme}${variant ?? ''}://${hostList}${path}`;
  const [username, password] = parseAuth(auth);
  const credentials = {
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
  if (variant === undefined) {
    if (hosts.length !== 1) throw new Error('REDIS_URL: several hosts need redis+sentinel:// or redis+cluster://');
    return { mode: 'standalone', url: url.trim(), display };
  }
  if (variant === '+cluster') {
    return { mode: 'cluster', nodes: hosts, tls, display, ...credentials };
  }
  const [name, db = '0'] = path.split('/').filter((p) => p !== '');
  if (name === undefined) throw new Error('REDIS_URL: a Sentinel URL needs the master name as its path: …/mymaster');
  if (!/^\d+$/.test(db)) throw new Error(`REDIS_URL: database must be a number, got "${db}"`);
  const sentinelPassword = new URLSearchParams(query).get('sentinelPassword') ?? undefined;
  return {
    mode: 'sentinel',
    sentinels: hosts,
    name: decodeURIComponent(name),
    db: Number(db),
    tls,
    display,
    ...credentials,
    ...(sentinelPassword === undefined ? {} : { sentinelPassword }),
  };
}

function parseHost(text: string, defaultPort: number): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  if (!m?.[1]) throw new Error(`REDIS_URL: "${text}" is not host:port`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] === undefined ? defaultPort : Number(m[2]) };
}

function parseAuth(auth: string | undefined): [string | undefined, string | undefined] {
  if (auth === undefined || auth === '') return [undefined, undefined];
  const colon = auth.indexOf(':');
  if (colon < 0) return [undefined, decodeURIComponent(auth)];
  const user = decodeURIComponent(auth.slice(0, colon));
  return [user === '' ? undefined : user, decodeURIComponent(auth.slice(colon + 1))];
}
