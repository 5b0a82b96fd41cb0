import { isBotError } from '../errors.ts';
import { type Language, messages } from '../i18n/messages.ts';
import { literalOutsideCode } from '../markdown/escape-markdown.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Reply } from '../message.ts';
import { redactSecrets } from '../redact.ts';

/**
 * What users see when something failed: the error's own `userMessage` when it has one (safe to post),
 * otherwise a generic line with a reference that operators find in the log.
 */
export function errorReply(err: unknown, ref: string, options: { readonly language?: Language } = {}): Reply {
  const language = options.language ?? 'ko';
  const own = isBotError(err) ? err.userMessageIn(language) : undefined;
  // A user message may quote the API server or an authorizer: redacted like everything else posted.
  const text = own ? redactSecrets(own) : messages(language).errorGeneric(ref);
  return { kind: 'error', text, blocks: [{ type: 'paragraph', text: literalOutsideCode(text) }], inThread: true };
}

/** A known command that this deployment has no implementation for. */
export function notConfiguredReply(command: string, options: { readonly language?: Language } = {}): Reply {
  const markdown = messages(options.language).notConfigured(command);
  return { kind: 'info', text: toPlainText(markdown), blocks: [{ type: 'paragraph', text: markdown }], inThread: true };
}
