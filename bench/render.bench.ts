/**
 * What rendering an answer costs: every shipped section's answer turned into Block Kit, an Adaptive Card,
 * the playground's HTML and terminal text (one Markdown parse each), the slowest section named; and
 * reading a long paste (head, tail and the middle's error lines) at the playground's 4 MB.
 */
import { toTerminal } from '../adapters/cli/to-terminal.ts';
import { toHtml } from '../adapters/playground/to-html.ts';
import { toBlockKit } from '../adapters/slack/to-block-kit.ts';
import { toAdaptiveCard } from '../adapters/teams/to-adaptive-card.ts';
import { readPaste } from '../src/gate/read-paste.ts';
import { FileKnowledgeSource } from '../src/knowledge/file-knowledge-source.ts';
import type { Reply } from '../src/message.ts';
import { answerReply } from '../src/replies/answer-reply.ts';
import { type Bench, type Figures, percentile, round, timed } from './bench.ts';

const renderers: Record<string, (reply: Reply) => unknown> = {
  slack: (reply) => toBlockKit(reply, { language: 'ko' }),
  teams: (reply) => toAdaptiveCard(reply, { language: 'ko' }),
  playground: (reply) => toHtml(reply, { language: 'ko' }),
  terminal: (reply) => toTerminal(reply),
};

const bench: Bench = {
  name: 'render',
  async run(ctx) {
    const { sections } = await new FileKnowledgeSource({ root: ctx.root }).load();
    const replies = sections.map((section) => answerReply({ section, score: 1 }, { language: 'ko', replyId: 'bench' }));
    const out: Record<string, Figures> = {};
    for (const [name, render] of Object.entries(renderers)) {
      for (const reply of replies) render(reply); // warm up
      const samples: number[] = [];
      for (let pass = 0; pass < 5; pass++) for (const reply of replies) samples.push(timed(() => render(reply)).ms);
      out[`render_${name}`] = {
        sections: replies.length,
        p50_ms: round(percentile(samples, 50)),
        p99_ms: round(percentile(samples, 99)),
        max_ms: round(Math.max(...samples)),
      };
      ctx.log(`render ${name}: ${replies.length} sections × 5`);
    }
    const line = (i: number) => `2026-11-23T10:00:00Z INFO request ${i} served in 12ms from the cache`;
    const lines = Array.from({ length: 70_000 }, (_, i) => line(i));
    lines[35_000] = 'Failed to pull image "us.icr.io/team/api:1.2": unexpected status: 401 Unauthorized';
    const paste = lines.join('\n');
    const reads = Array.from({ length: 5 }, () => timed(() => readPaste(paste)));
    out['read_paste'] = {
      paste_mb: round(paste.length / 1024 / 1024),
      p50_ms: round(
        percentile(
          reads.map((r) => r.ms),
          50,
        ),
      ),
      kept_chars: reads[0]!.value.text.length,
      middle_lines_kept: reads[0]!.value.cut?.middleLines ?? 0,
    };
    return out;
  },
};

export default bench;
