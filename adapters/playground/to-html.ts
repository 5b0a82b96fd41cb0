/**
 * A reply as the playground shows it: HTML built from the same parsed Markdown as Block Kit and the cards,
 * every text escaped here, links only to web addresses, buttons carrying their action and reply id for
 * the page's script. The page inserts it as is; nothing else in it makes markup.
 */
import { type Language, messages } from '../../src/i18n/messages.ts';
import type { Section } from '../../src/knowledge/section.ts';
import type { LearnedSummary } from '../../src/learning/learned-record.ts';
import { readableLine } from '../../src/learning/learned-runbook.ts';
import { literalOutsideCode } from '../../src/markdown/escape-markdown.ts';
import { type Inline, parseInline, parseMarkdown, type RichBlock } from '../../src/markdown/parse-markdown.ts';
import type { ActionKind, Block, Reply } from '../../src/message.ts';
import { displayOf } from '../../src/replies/answer-reply.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function toHtml(reply: Reply, options: { readonly language?: Language } = {}): string {
  const t = messages(options.language);
  if (reply.blocks.length === 0) return `<p>${escapeHtml(reply.text)}</p>`;
  return reply.blocks.map((block) => blockHtml(block, t)).join('');
}

/**
 * A section as the knowledge pane shows it: its parts under the labels the chat uses, in one language, and
 * what the channel taught about it (`learned`: the pastes people confirmed it fixed, or said it did not).
 */
export function sectionHtml(
  section: Section,
  options: { readonly language?: Language; readonly learned?: readonly LearnedSummary[] } = {},
): string {
  const t = messages(options.language);
  const shown = displayOf(section);
  const parts = [
    `<h3>${inlineHtml(parseInline(literalOutsideCode(section.title)))}</h3>`,
    `<p class="meta">${escapeHtml(`${section.documentTitle} · ${section.source}:${section.lines[0]}-${section.lines[1]}`)}</p>`,
    shown.symptoms ? labelled(t.symptoms, markdownHtml(shown.symptoms)) : '',
    shown.causes ? labelled(t.cause, markdownHtml(shown.causes)) : '',
    shown.resolution ? labelled(t.steps, markdownHtml(shown.resolution)) : '',
    !shown.symptoms && !shown.causes && !shown.resolution ? `<pre>${escapeHtml(section.text)}</pre>` : '',
    section.url ? `<p class="source">📄 ${link(section.url, escapeHtml(t.source))}</p>` : '',
    options.learned?.length ? learnedHtml(options.learned, t) : '',
  ];
  return parts.join('');
}

function learnedHtml(pairs: readonly LearnedSummary[], t: ReturnType<typeof messages>): string {
  const items = pairs.map((p) => {
    const meta = t.learnedPair({
      fixes: p.kind === 'confirm',
      people: p.people,
      inUse: p.counts,
      until: new Date(p.expiresAtMs).toISOString().slice(0, 10),
    });
    const lines = p.evidence.lines.length
      ? `<pre><code>${escapeHtml(p.evidence.lines.map(readableLine).join('\n'))}</code></pre>`
      : '';
    return `<li><p class="meta">${escapeHtml(meta)} · <code>${escapeHtml(p.id)}</code></p>${lines}</li>`;
  });
  return `<div class="part learned">${`<p class="label">${escapeHtml(t.learnedTitle)}</p>`}<ul>${items.join('')}</ul></div>`;
}

function labelled(label: string, body: string): string {
  return `<div class="part"><p class="label">${escapeHtml(label)}</p>${body}</div>`;
}

function blockHtml(block: Block, t: ReturnType<typeof messages>): string {
  switch (block.type) {
    case 'heading':
      return `<h3>${inlineHtml(parseInline(block.text))}</h3>`;
    case 'paragraph':
      return block.label ? labelled(block.label, markdownHtml(block.text)) : markdownHtml(block.text);
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'steps': {
      const items = block.steps
        .map(
          (step) =>
            `<li>${markdownHtml(step.text)}${step.commands.map((c) => `<pre><code>${escapeHtml(c)}</code></pre>`).join('')}</li>`,
        )
        .join('');
      const list = `<ol class="steps">${items}</ol>`;
      return block.label ? labelled(block.label, list) : list;
    }
    case 'list': {
      const list = `<ul>${block.items.map((item) => `<li>${markdownHtml(item)}</li>`).join('')}</ul>`;
      return block.label ? labelled(block.label, list) : list;
    }
    case 'candidates': {
      const items = block.candidates
        .map((c) => {
          const title = inlineHtml(parseInline(c.title));
          const shown = c.url ? link(c.url, title) : title;
          const button = c.replyId ? actionButton('show', c.replyId, t) : '';
          return `<li class="candidate"><span class="candidate-title">${shown}</span><span class="meta">${escapeHtml(`${c.documentTitle} · ${c.where}`)}</span>${button}</li>`;
        })
        .join('');
      const list = `<ol class="candidates">${items}</ol>`;
      return block.label ? labelled(block.label, list) : list;
    }
    case 'fields':
      return `<dl class="fields">${block.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${markdownHtml(f.value)}</dd>`).join('')}</dl>`;
    case 'source': {
      const title = escapeHtml(block.title);
      const where = escapeHtml(`${block.path}:${block.lines[0]}-${block.lines[1]}`);
      return `<p class="source">📄 ${block.url ? link(block.url, title) : title} <span class="meta">(${where})</span></p>`;
    }
    case 'context':
      return `<div class="context">${markdownHtml(block.text)}</div>`;
    case 'actions':
      return `<div class="actions">${block.actions.map((kind) => actionButton(kind, block.replyId, t)).join('')}</div>`;
    case 'divider':
      return '<hr>';
  }
}

function actionButton(kind: ActionKind, replyId: string, t: ReturnType<typeof messages>): string {
  const labels: Record<ActionKind, string> = {
    resolve: t.actionResolve,
    dismiss: t.actionDismiss,
    more: t.actionMore,
    show: t.actionShow,
  };
  const primary = kind === 'resolve' ? ' class="primary"' : '';
  return `<button type="button"${primary} data-action="${kind}" data-reply-id="${escapeHtml(replyId)}">${escapeHtml(labels[kind])}</button>`;
}

function link(url: string, html: string): string {
  if (!/^https?:\/\//i.test(url)) return html;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${html}</a>`;
}

export function markdownHtml(markdown: string): string {
  return richHtml(parseMarkdown(markdown));
}

function richHtml(blocks: readonly RichBlock[]): string {
  return blocks.map(richBlockHtml).join('');
}

function richBlockHtml(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlineHtml(block.inlines)}</p>`;
    case 'heading':
      return `<p><strong>${inlineHtml(block.inlines)}</strong></p>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'quote':
      return `<blockquote>${richHtml(block.blocks)}</blockquote>`;
    case 'list': {
      const items = block.items.map((item) => `<li>${richHtml(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return `<ol${block.start === 1 ? '' : ` start="${block.start}"`}>${items}</ol>`;
    }
  }
}

function inlineHtml(inlines: readonly Inline[]): string {
  return inlines.map(inlineOne).join('');
}

function inlineOne(inline: Inline): string {
  switch (inline.type) {
    case 'text':
      return escapeHtml(inline.text).replaceAll('\n', '<br>');
    case 'code':
      return `<code>${escapeHtml(inline.text)}</code>`;
    case 'strong':
      return `<strong>${inlineHtml(inline.children)}</strong>`;
    case 'emphasis':
      return `<em>${inlineHtml(inline.children)}</em>`;
    case 'link':
      return link(inline.url, inlineHtml(inline.children));
    case 'break':
      return '<br>';
  }
}
