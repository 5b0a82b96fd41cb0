import { type Language, messages } from '../i18n/messages.ts';
import { toPlainText } from '../markdown/parse-markdown.ts';
import type { Matcher } from '../matching/matcher.ts';
import type { Block, Reply } from '../message.ts';
import { redactSecrets } from '../redact.ts';
import { answerReply } from '../replies/answer-reply.ts';
import { candidateItem, candidateLine, toCandidate } from '../replies/candidate.ts';
import { usageReply } from '../replies/usage-reply.ts';
import type { Command } from './command.ts';

/**
 * `kb <query>`: search the documents and show the best section whether or not the matcher is confident
 * (the user asked), with the runners-up linked under it.
 */
export function createKbCommand(deps: { readonly matcher: Matcher; readonly language?: Language }): Command {
  const command: Command = {
    name: 'kb',
    usage: 'kb <query>',
    description:
      deps.language === 'en'
        ? 'search the documents and show the best section'
        : '문서를 검색해 가장 맞는 항목을 보여 줍니다',
    async run(invocation) {
      const language = invocation.language ?? deps.language;
      const t = messages(language);
      const query = invocation.args.trim();
      if (!query) return usageReply(command, { ...(language ? { language } : {}), problem: t.kbEmpty });
      const result = deps.matcher.match(query, { top: 4 });
      const [best, ...others] = result.matches;
      if (!best) {
        const markdown = t.kbNothing(redactSecrets(query).slice(0, 200));
        return {
          kind: 'info',
          text: toPlainText(markdown),
          blocks: [{ type: 'paragraph', text: markdown }],
          inThread: true,
        };
      }
      const answer = answerReply(best, { ...(language ? { language } : {}), replyId: 'kb' });
      // The user asked for this section: the answer's confidence line would judge a search, not a paste.
      const blocks: Block[] = answer.blocks.filter(
        (b) => b.type !== 'actions' && !(b.type === 'context' && b.text === t.answerConfidence),
      );
      let text = answer.text;
      if (others.length > 0) {
        const candidates = others.map((m) => toCandidate(m, language));
        blocks.push(
          { type: 'divider' },
          { type: 'candidates', label: t.otherCandidates, candidates: candidates.map((c) => candidateItem(c)) },
        );
        text += `\n\n${t.otherCandidates}:\n${candidates.map((c, i) => `${i + 1}. ${candidateLine(c)}`).join('\n')}`;
      }
      const reply: Reply = { kind: 'answer', text, blocks, inThread: true };
      return reply;
    },
  };
  return command;
}
