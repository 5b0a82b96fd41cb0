import { type Language, messages } from '../i18n/messages.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { redactSecrets } from '../redact.ts';
import { answerReply } from '../replies/answer-reply.ts';
import { candidateLine, citation, toCandidate } from '../replies/candidate.ts';
import { usageReply } from '../replies/usage-reply.ts';
import type { Command } from './command.ts';

/**
 * `kb <query>`: search the documents and show the best section whether or not the matcher is confident
 * (the user asked), with the runners-up listed under it.
 */
export function createKbCommand(deps: { readonly matcher: Matcher; readonly language?: Language }): Command {
  const t = messages(deps.language);
  const command: Command = {
    name: 'kb',
    usage: 'kb <query>',
    description:
      deps.language === 'en'
        ? 'search the documents and show the best section'
        : '문서를 검색해 가장 맞는 항목을 보여 줍니다',
    async run(invocation) {
      const query = invocation.args.trim();
      if (!query) return usageReply(command, { language: deps.language, problem: t.kbEmpty });
      const result = deps.matcher.match(query, { top: 4 });
      const [best, ...others] = result.matches;
      if (!best) {
        const text = t.kbNothing(redactSecrets(query).slice(0, 200));
        return { kind: 'info', text, blocks: [{ type: 'paragraph', text }], inThread: true };
      }
      const answer = answerReply(best, { language: deps.language, replyId: 'kb' });
      const blocks: Block[] = answer.blocks.filter((b) => b.type !== 'actions');
      let text = answer.text;
      if (others.length > 0) {
        const items = others.map((m) => {
          const c = toCandidate(m);
          return `${candidateLine(c)} — ${citation(c)}`;
        });
        blocks.push({ type: 'divider' }, { type: 'list', label: t.otherCandidates, items });
        text += `\n\n${t.otherCandidates}:\n${items.map((item, i) => `${i + 1}. ${item}`).join('\n')}`;
      }
      const reply: Reply = { kind: 'answer', text, blocks, inThread: true };
      return reply;
    },
  };
  return command;
}
