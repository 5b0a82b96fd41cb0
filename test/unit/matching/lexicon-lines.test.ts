import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import {
  type Annotation,
  type CompiledLexicon,
  compileLexicon,
  type Lexicon,
  loadLexicon,
} from '../../../src/matching/lexicon.ts';
import { stem } from '../../../src/matching/tokenize.ts';

/**
 * The lexicon's meaning written plainly, as one scan over the whole text: English phrases over the text's
 * word sequence (within one paragraph), then Korean-side terms over its lower-cased form, each hit counted
 * (at most 50 a pattern) in the paragraph it starts in. The lexicon reads texts line by line instead; it must find the same, in the
 * same order.
 */
function wholeTextAnnotator(lexicon: Lexicon): (text: string) => Annotation {
  const words = (t: string) =>
    [...t.matchAll(/[A-Za-z][A-Za-z0-9_]*|[0-9][A-Za-z0-9]*/g)].map((m) => stem(m[0].toLowerCase()));
  const keys = new Map<string, number>();
  const patterns: { en?: string[]; ko?: string }[] = [];
  const intern = (term: string): number | undefined => {
    const ko = /\p{Script=Hangul}/u.test(term);
    const en = ko ? undefined : words(term);
    const text = ko ? term.toLowerCase().replace(/\s+/g, ' ').trim() : undefined;
    if (ko ? !text : en!.length === 0) return undefined;
    const key = ko ? `ko:${text}` : `en:${en!.join(' ')}`;
    if (!keys.has(key)) {
      keys.set(key, patterns.length);
      patterns.push(ko ? { ko: text! } : { en: en! });
    }
    return keys.get(key);
  };
  const ok = (x: number | undefined): x is number => x !== undefined;
  // Candidates by first English word or first character, in pattern order (only to keep the test quick).
  const byStart = new Map<string, number[]>();
  const patternsStarting = (start: string) => {
    if (byStart.size === 0) {
      patterns.forEach((pat, id) => {
        const k = pat.en ? pat.en[0]! : pat.ko![0]!;
        byStart.set(k, [...(byStart.get(k) ?? []), id]);
      });
    }
    return byStart.get(start) ?? [];
  };
  const concepts = lexicon.concepts.map((c) => ({
    id: c.id,
    patterns: c.terms.map(intern).filter(ok),
    except: (c.except ?? []).map(intern).filter(ok),
  }));
  const entries = lexicon.signatures.flatMap((s) =>
    s.match.map((m) => ({ signature: s.id, ids: (typeof m === 'string' ? [m] : m.all).map(intern).filter(ok) })),
  );
  return (text) => {
    const hits = new Map<number, { count: number; paragraphs: number[] }>();
    const record = (id: number, paragraph: number) => {
      const h = hits.get(id);
      if (!h) hits.set(id, { count: 1, paragraphs: [paragraph] });
      else if (h.count < 50) {
        h.count++;
        if (h.paragraphs.at(-1) !== paragraph) h.paragraphs.push(paragraph);
      }
    };
    const paragraphs = text.split(/\n\s*\n/);
    const tokens = paragraphs.flatMap((p, i) => words(p).map((w) => ({ w, p: i })));
    tokens.forEach((t, i) => {
      for (const id of patternsStarting(t.w)) {
        if (patterns[id]!.en?.every((w, j) => tokens[i + j]?.w === w && tokens[i + j]?.p === t.p)) record(id, t.p);
      }
    });
    const lowers = paragraphs.map((p) => `${p.toLowerCase().replace(/\s+/g, ' ')}\n`);
    lowers.forEach((_, p) => {
      const rest = lowers.slice(p, p + 2).join('');
      for (let i = 0; i < lowers[p]!.length; i++) {
        const here = patternsStarting(rest[i]!);
        for (const id of here) if (patterns[id]!.ko?.length === 1) record(id, p);
        for (const id of here)
          if (patterns[id]!.ko && patterns[id]!.ko!.length > 1 && rest.startsWith(patterns[id]!.ko!, i)) record(id, p);
      }
    });
    const found = new Map<string, number>();
    const signatures = new Set<string>();
    for (const [id, hit] of hits) {
      // A concept naming the same pattern twice ("pod", "pods") counts its hits once.
      for (const c of concepts) if (c.patterns.includes(id)) found.set(c.id, (found.get(c.id) ?? 0) + hit.count);
      for (const e of entries) {
        if (e.ids[0] !== id || signatures.has(e.signature)) continue;
        const inOne = hits.get(id)!.paragraphs.some((p) => e.ids.every((x) => hits.get(x)?.paragraphs.includes(p)));
        if (inOne) signatures.add(e.signature);
      }
    }
    // Each mention of an exception holds one of the concept's mentions, which it takes back.
    for (const c of concepts) {
      if (!found.has(c.id)) continue;
      const left = found.get(c.id)! - c.except.reduce((n, id) => n + (hits.get(id)?.count ?? 0), 0);
      if (left > 0) found.set(c.id, left);
      else found.delete(c.id);
    }
    return { concepts: found, signatures };
  };
}

const inOrder = (a: Annotation) => ({ concepts: [...a.concepts], signatures: [...a.signatures] });

describe('annotating line by line', () => {
  const small: Lexicon = {
    concepts: [
      { id: 'node', terms: ['node', 'worker node', 'worker', '작업자 노드', '노드', '팟 상태'] },
      { id: 'route', terms: ['no route to host', 'api 서버', 'kube-프록시'] },
      { id: 'pod', terms: ['pod', '팟', 'x'] },
      { id: 'gc', terms: ['gc manager', 'party', 'a1'] },
    ],
    signatures: [
      { id: 'unreachable', match: [{ all: ['no route to host', 'worker node'] }], concepts: ['node'], specific: true },
    ],
  };
  const texts = [
    '',
    ' \n \n ',
    'a worker\nnode is down',
    'a worker  \n\t node\n\nno route\nto\n\nhost',
    'no route to\nhost on worker node',
    'no route to host\n\n\n  worker node',
    '작업자\n노드가 준비되지 않음\n\n팟\n상태 팟 상태',
    '작업자  \n  \n노드',
    'API\n서버에 연결할 수 없음. kube-\n프록시',
    'node node node\nnode\n'.repeat(30),
    'x\nx x\n\nX pod worker node worker',
    '  leading\r\ntrailing  \n\u00a0작업자\u3000노드\u00a0',
    'image_gc_manager 3rd_party gc_manager A1b a1 _gc manager 9a_1 Party\u00e9s',
    // Phrases running on from the end of long lines, over short and empty lines and paragraph breaks.
    `${'pod worker '.repeat(20)}no route\nto\n\nhost ${'node '.repeat(10)}worker\n\n\nnode`,
    'no\n\nroute\n \nto\n\n\nhost no route to\nhost\nno',
    'worker\n\nnode worker\nnode',
  ];
  const lex = compileLexicon(small);
  const whole = wholeTextAnnotator(small);

  it.each(texts)('finds what a scan of the whole text finds: %j', (text) => {
    expect(inOrder(lex.annotate(text))).toEqual(inOrder(whole(text)));
  });

  describe('on the shipped lexicon and knowledge', () => {
    let shipped: CompiledLexicon;
    let reference: (text: string) => Annotation;
    let sections: readonly Section[];
    beforeAll(async () => {
      const lexicon = await loadLexicon(join('knowledge', 'lexicon'));
      shipped = compileLexicon(lexicon);
      reference = wholeTextAnnotator(lexicon);
      sections = (await new FileKnowledgeSource({ root: process.cwd() }).load()).sections;
    });

    it('finds what a scan of every section text finds', () => {
      for (const s of sections) {
        for (const text of [s.title, s.errors.join('\n\n'), s.symptoms, s.text.slice(0, 4_000)]) {
          expect(inOrder(shipped.annotate(text))).toEqual(inOrder(reference(text)));
        }
      }
    });
  });
});
