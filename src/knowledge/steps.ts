/**
 * The resolution of a section as ordered steps. Numbered lists give the steps (nested items fold into
 * their step's text); without one, bullets are alternatives and each is a step; without either, each
 * paragraph is. Code under a step becomes its commands, verbatim; example output (`screen`) is left out.
 */
import type { Step } from '../message.ts';
import type { MdBlock } from './blocks.ts';
import { looksLikeCommand } from './signals.ts';

type Content = Exclude<MdBlock, { kind: 'attr' }>;

interface Draft {
  text: string;
  commands: string[];
  readonly indent: number;
}

/** Commands written inline, e.g. "`ibmcloud ks clusters`를 실행하여", for steps that have no code block. */
export function inlineCommands(raw: string): string[] {
  const found: string[] = [];
  for (const match of raw.matchAll(/`([^`]+)`/g)) {
    const span = (match[1] ?? '').trim();
    if (span.includes(' ') && looksLikeCommand(span)) found.push(span);
  }
  return found;
}

function isLabel(text: string): boolean {
  // "출력 예:", "Example output:": introduces output, which steps leave out.
  return text.length <= 40 && /[:：]$/.test(text);
}

/**
 * @param clean turns raw inline Markdown into display text (and collects its links).
 */
export function stepsFromBlocks(blocks: readonly MdBlock[], clean: (raw: string) => string): Step[] {
  const content = blocks.filter(
    (b): b is Content => b.kind !== 'attr' && !(b.kind === 'para' && b.role === 'shortdesc'),
  );
  const drafts: Draft[] = [];
  const rawTexts = new Map<Draft, string>();
  let current: Draft | undefined;

  const start = (raw: string, indent: number): Draft => {
    const draft: Draft = { text: clean(raw), commands: [], indent };
    drafts.push(draft);
    rawTexts.set(draft, raw);
    current = draft;
    return draft;
  };
  const append = (draft: Draft, raw: string, depth: number, bullet: boolean) => {
    const text = clean(raw);
    if (!text) return;
    draft.text += `\n${'  '.repeat(Math.max(0, depth - 1))}${bullet ? '- ' : ''}${text}`;
    rawTexts.set(draft, `${rawTexts.get(draft) ?? ''} ${raw}`);
  };
  const addCode = (draft: Draft, block: Extract<Content, { kind: 'code' }>) => {
    if (block.role === 'screen') return;
    const code = block.code.replace(/\s+$/, '');
    if (code.trim()) draft.commands.push(code);
  };

  const ordered = content.filter((b) => b.kind === 'item' && b.ordered);
  const bullets = content.filter((b) => b.kind === 'item' && !b.ordered);
  const listItems = ordered.length > 0 ? ordered : bullets;
  const top = listItems.length > 0 ? Math.min(...listItems.map((b) => (b.kind === 'item' ? b.indent : 0))) : -1;
  const isTopItem = (b: Content) =>
    b.kind === 'item' && b.indent <= top && (ordered.length > 0 ? b.ordered : !b.ordered);

  for (let i = 0; i < content.length; i++) {
    const block = content[i]!;
    const next = content[i + 1];
    if (block.kind === 'heading') {
      // An unanchored sub-heading inside a resolution reads as a divider between groups of steps.
      start(block.text, top);
      continue;
    }
    if (listItems.length > 0 && isTopItem(block)) {
      start((block as Extract<Content, { kind: 'item' }>).text, block.indent);
      continue;
    }
    if (block.kind === 'item') {
      if (current && block.indent > current.indent)
        append(current, block.text, (block.indent - current.indent) / 2, true);
      else if (current) append(current, block.text, 1, true);
      continue;
    }
    if (block.kind === 'code') {
      if (block.role === 'screen') continue;
      if (!current) current = start('', block.indent);
      addCode(current, block);
      continue;
    }
    // A paragraph.
    const raw = block.text;
    if (listItems.length > 0 && current && block.indent > current.indent) {
      if (!isLabel(clean(raw))) append(current, raw, 0, false);
      continue;
    }
    const followedByCode = next?.kind === 'code';
    const beforeList = next !== undefined && isTopItem(next);
    if (listItems.length === 0 || followedByCode || (beforeList && drafts.length > 0)) {
      if (clean(raw)) start(raw, listItems.length === 0 ? block.indent : top);
      else current = undefined;
    } else {
      // A lead-in before the first list or a remark after it: not a step of its own.
      current = undefined;
    }
  }

  return drafts
    .map((d) => {
      const commands = d.commands.length > 0 ? d.commands : inlineCommands(rawTexts.get(d) ?? '');
      return { text: d.text.trim(), commands };
    })
    .filter((s) => s.text !== '' || s.commands.length > 0);
}
