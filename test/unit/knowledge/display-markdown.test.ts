import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../../src/knowledge/blocks.ts';
import { displayMarkdown } from '../../../src/knowledge/display-markdown.ts';
import { parseMarkdown } from '../../../src/markdown/parse-markdown.ts';

const clean = (raw: string) => raw.trim();
const display = (lines: string[]) => displayMarkdown(parseBlocks(lines), clean);

describe('a section part as display Markdown', () => {
  it('keeps the lead-in sentence before a list and the remark after it', () => {
    const tree = parseMarkdown(
      display([
        'Look in these places:',
        '* `~/kube/kubelet/`',
        '* `$HOME/.kube/config`',
        '',
        ' Otherwise check the manifest.',
      ]),
    );
    expect(tree.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(tree[1]).toMatchObject({
      type: 'list',
      items: [[{ type: 'paragraph', inlines: [{ type: 'code', text: '~/kube/kubelet/' }] }], expect.anything()],
    });
  });

  it('keeps sub-steps and their code under the step they belong to', () => {
    const tree = parseMarkdown(
      display([
        '1. Open the firewall.',
        '   - inbound:',
        '',
        '     ```',
        '     169.60.72.144/28',
        '     ```',
        '   - outbound',
        '2. Try again.',
      ]),
    );
    expect(tree).toHaveLength(1);
    const list = tree[0];
    if (list?.type !== 'list') throw new Error('expected a list');
    expect(list.ordered).toBe(true);
    expect(list.items).toHaveLength(2);
    const sub = list.items[0]?.[1];
    if (sub?.type !== 'list') throw new Error('expected a nested list');
    expect(sub.items[0]?.map((b) => b.type)).toEqual(['paragraph', 'code']);
    expect(sub.items[0]?.[1]).toEqual({ type: 'code', text: '169.60.72.144/28' });
  });

  it('attaches an unindented code block to the step before it and keeps counting after it', () => {
    const tree = parseMarkdown(display(['1. Log in.', '```', 'ibmcloud login', '```', '2. Pull again.']));
    const list = tree[0];
    if (list?.type !== 'list') throw new Error('expected a list');
    expect(list.items.map((item) => item.map((b) => b.type))).toEqual([['paragraph', 'code'], ['paragraph']]);
  });

  it('leaves example output out, with the label that introduces it', () => {
    const blocks = parseBlocks(['Run it.', '```', 'kubectl get pods', '```', '출력 예:', '```', 'NAME READY', '```']);
    const code = blocks.filter((b) => b.kind === 'code');
    if (code[1]?.kind === 'code') code[1].role = 'screen';
    const text = displayMarkdown(blocks, clean);
    expect(text).toContain('kubectl get pods');
    expect(text).not.toContain('NAME READY');
    expect(text).not.toContain('출력 예');
  });

  it('shows document text literally outside code spans', () => {
    const tree = parseMarkdown(display(['Use <pod_name> and *.example.com, then `kubectl get <pod>`.']));
    expect(tree).toEqual([
      {
        type: 'paragraph',
        inlines: [
          { type: 'text', text: 'Use <pod_name> and *.example.com, then ' },
          { type: 'code', text: 'kubectl get <pod>' },
          { type: 'text', text: '.' },
        ],
      },
    ]);
  });
});
