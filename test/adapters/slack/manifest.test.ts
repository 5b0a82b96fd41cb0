import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knownCommands } from '../../../src/commands/parse-command.ts';

interface Manifest {
  features: { slash_commands: { command: string }[]; app_home: { messages_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const root = new URL('../../../', import.meta.url);
const manifest = parse(await readFile(new URL('manifest.yml', root), 'utf8')) as Manifest;
const adapterSource = (
  await Promise.all(
    ['slack-adapter.ts', 'slack-files.ts', 'slack-membership.ts'].map((f) =>
      readFile(new URL(`adapters/slack/${f}`, root), 'utf8'),
    ),
  )
).join('\n');

/** The bot events and scopes each thing the adapter subscribes to or calls needs. */
const eventNeeds: Record<string, { events: string[]; scopes: string[] }> = {
  message: {
    events: ['message.channels', 'message.groups', 'message.im', 'message.mpim'],
    scopes: ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  },
  app_mention: { events: ['app_mention'], scopes: ['app_mentions:read'] },
  reaction_added: { events: ['reaction_added'], scopes: ['reactions:read'] },
};
const methodScopes: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'files.info': ['files:read'],
  // Public and private channels (the handoff of another channel); DMs are never named there.
  'conversations.members': ['channels:read', 'groups:read'],
};

describe('manifest.yml', () => {
  const subscribed = [...adapterSource.matchAll(/\.event\('(\w+)'/g)].map((m) => m[1]!);
  const called = [...adapterSource.matchAll(/client\.((?:chat|files|conversations)\.\w+)\(/g)].map((m) => m[1]!);

  it('subscribes to exactly the events the adapter listens to', () => {
    expect(subscribed.sort()).toEqual(Object.keys(eventNeeds).sort());
    const needed = subscribed.flatMap((e) => eventNeeds[e]!.events);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(needed)].sort());
  });

  it('asks for the smallest set of scopes the events, Web API calls and commands need', () => {
    expect(called.length).toBeGreaterThan(0);
    for (const method of called) expect(methodScopes, `scope for ${method}`).toHaveProperty([method]);
    const needed = new Set([
      ...subscribed.flatMap((e) => eventNeeds[e]!.scopes),
      ...called.flatMap((m) => methodScopes[m]!),
      'commands',
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares the slash commands the bot routes', () => {
    expect(adapterSource).toContain('instance.command(');
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      knownCommands
        .filter((c) => c !== 'help')
        .map((c) => `/${c}`)
        .sort(),
    );
  });

  it('turns on interactivity for the buttons, Socket Mode, and direct messages', () => {
    expect(adapterSource).toContain('instance.action(');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
