/**
 * What `npm start` tells a person once it listens, in one line beside the logs: where to go (the playground,
 * or the address the platforms post to), what the record is kept in, and which chat platforms are on.
 */
import type { RunningApp } from './app.ts';
import type { Settings } from './settings.ts';

export function startLine(
  app: Pick<RunningApp, 'url' | 'playground' | 'store' | 'platforms'>,
  settings: Pick<Settings, 'slack'>,
): string {
  const platforms = app.platforms.map((name) =>
    name === 'slack' && settings.slack ? `slack (${settings.slack.mode === 'http' ? 'HTTP' : 'Socket'} Mode)` : name,
  );
  return [
    'kube-support-bot',
    app.playground ? `playground: ${app.url}` : `listening: ${app.url}`,
    `store: ${app.store}`,
    `platforms: ${platforms.length > 0 ? platforms.join(', ') : 'none'}`,
  ].join(' · ');
}

/** A listen failure as the fix a person makes: which variable to change. Undefined for other failures. */
export function listenProblem(
  err: unknown,
  server: { readonly host: string; readonly port: number },
): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  const where = `${server.host}:${server.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${server.port} is already in use on ${server.host} (another kube-support-bot?). Stop that process or set PORT to a free port, e.g. PORT=${server.port === 65535 ? 3001 : server.port + 1} npm start`;
    case 'EACCES':
      return `no permission to listen on ${where}: ports below 1024 need privileges. Set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `${server.host} is not an address of this machine. Set HOST to one of its addresses, 127.0.0.1 or 0.0.0.0`;
    default:
      return undefined;
  }
}
