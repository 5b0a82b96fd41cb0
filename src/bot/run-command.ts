/** A typed command (`/kb`, `/diagnose`, `/handoff`, `help`): found in the registry and run under a time limit. */
import type { CommandOutcome } from '../bot-api.ts';
import type { CommandInvocation } from '../commands/command.ts';
import type { Reply } from '../message.ts';
import { errorReply, notConfiguredReply } from '../replies/error-reply.ts';
import { helpReply } from '../replies/help-reply.ts';
import { type BotContext, newRef } from './bot-context.ts';

export function runCommand(ctx: BotContext, invocation: CommandInvocation): CommandOutcome {
  const { registry } = ctx;
  const language = invocation.language ?? ctx.language;
  const name = invocation.name.trim().toLowerCase();
  const clog = ctx.log.child({ platform: invocation.platform, command: name });
  if (name === 'help' || name === '') {
    return { result: Promise.resolve(helpReply(registry.summaries(language), { language })) };
  }
  const implementation = registry.get(name);
  if (!implementation) {
    const reply = registry.isKnown(name)
      ? notConfiguredReply(name, { language })
      : helpReply(registry.summaries(language), { language, unknown: invocation.typed ?? name });
    return { result: Promise.resolve(reply) };
  }
  const fail = (err: unknown): Reply => {
    const ref = newRef();
    clog.error({ err, ref }, 'command failed');
    return errorReply(err, ref, { language });
  };
  let progress: Reply | undefined;
  try {
    progress = implementation.progress?.(invocation);
  } catch (err) {
    return { result: Promise.resolve(fail(err)) };
  }
  const result = Promise.resolve()
    .then(() => implementation.run(invocation, AbortSignal.timeout(ctx.deps.commandTimeoutMs ?? 60_000)))
    .catch(fail);
  return progress ? { progress, result } : { result };
}
