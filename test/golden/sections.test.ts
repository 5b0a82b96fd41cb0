/**
 * Every shipped section's answer as each platform shows it: Block Kit, the Teams card and the playground's
 * HTML, one file per document and platform under test/golden/sections/. A change in rendering or in the
 * knowledge shows up here as a diff to read. After an intended change, regenerate them with
 *
 *   npx vitest run test/golden -u
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../adapters/playground/to-html.ts';
import { toBlockKit } from '../../adapters/slack/to-block-kit.ts';
import { toAdaptiveCard } from '../../adapters/teams/to-adaptive-card.ts';
import { FileKnowledgeSource } from '../../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../../src/knowledge/section.ts';
import { answerReply } from '../../src/replies/answer-reply.ts';

const { sections } = await new FileKnowledgeSource().load();
const documents = new Map<string, Section[]>();
for (const section of sections) documents.set(section.source, [...(documents.get(section.source) ?? []), section]);

const fileName = (source: string) =>
  source
    .replace(/^knowledge\//, '')
    .replace(/\.[a-z]+$/, '')
    .replaceAll('/', '--');
const answer = (section: Section) => answerReply({ section, score: 1 }, { language: 'ko', replyId: 'golden' });
const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

describe.each([...documents.keys()])('%s rendered', (source) => {
  const shown = documents.get(source) ?? [];
  const base = `sections/${fileName(source)}`;

  it('in Slack', async () => {
    const out = Object.fromEntries(shown.map((s) => [s.id, toBlockKit(answer(s), { language: 'ko' }).blocks]));
    await expect(json(out)).toMatchFileSnapshot(`${base}.slack.json`);
  });

  it('in Teams', async () => {
    const out = Object.fromEntries(shown.map((s) => [s.id, toAdaptiveCard(answer(s), { language: 'ko' }).body]));
    await expect(json(out)).toMatchFileSnapshot(`${base}.teams.json`);
  });

  it('in the playground', async () => {
    const out = shown.map((s) => `<!-- ${s.id} -->\n<div class="reply">${toHtml(answer(s), { language: 'ko' })}</div>\n`);
    await expect(out.join('\n')).toMatchFileSnapshot(`${base}.html`);
  });
});
