import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '../../../src/knowledge/file-knowledge-source.ts';
import type { Section } from '../../../src/knowledge/section.ts';
import { compileLexicon, type Lexicon, parseLexicon, type Signature } from '../../../src/matching/lexicon.ts';
import { citedPlace, inCitedFile } from '../../../src/matching/quoted-wordings.ts';

// Every shipped signature says where its wordings come from: the code or spec that prints the message, or
// the section of a shipped document that quotes it. Wordings quoted from a document must be in that section.

const LEXICON_DIR = 'knowledge/lexicon';
const HANGUL = /\p{Script=Hangul}/u;

let files: { name: string; lexicon: Lexicon }[];
let sections: readonly Section[];
beforeAll(async () => {
  const names = (await readdir(LEXICON_DIR)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  files = await Promise.all(
    names.map(async (name) => ({ name, lexicon: parseLexicon(name, await readFile(join(LEXICON_DIR, name), 'utf8')) })),
  );
  sections = (await new FileKnowledgeSource().load()).sections;
});

/** The section a `doc:` source names: `knowledge/<file>#<anchor>` or `knowledge/<file>#L<line>`. */
function citedSection(all: readonly Section[], doc: string): Section | undefined {
  const place = citedPlace(doc);
  if (!place) return undefined;
  const inFile = all.filter((s) => inCitedFile(s, place));
  const n = place.line;
  if (n !== undefined) {
    // The innermost section holding the line: a part before the page it belongs to.
    return inFile
      .filter((s) => s.lines[0] <= n && n <= s.lines[1])
      .sort((a, b) => a.lines[1] - a.lines[0] - (b.lines[1] - b.lines[0]))[0];
  }
  return inFile.find((s) => s.id.endsWith(`#${place.anchor}`));
}

const sectionText = (s: Section) => [s.title, s.symptoms, s.causes, ...s.errors, s.text].join('\n\n');

/** Whether one match entry is found in a text, as the matcher finds it. */
function entryIn(entry: Signature['match'][number], text: string): boolean {
  const probe = compileLexicon({
    concepts: [],
    signatures: [{ id: 'probe', match: [entry], concepts: [], specific: true }],
  });
  return probe.annotate(text).signatures.has('probe');
}

/** What is wrong with the sources of the signatures in one file; empty when every wording is accounted for. */
function sourceProblems(file: string, lexicon: Lexicon, all: readonly Section[]): string[] {
  const problems: string[] = [];
  for (const s of lexicon.signatures) {
    const where = `${file}: signature ${s.id}`;
    const sources = s.sources ?? [];
    if (sources.length === 0) {
      problems.push(`${where} has no sources`);
      continue;
    }
    const cited: Section[] = [];
    for (const src of sources) {
      if ('doc' in src) {
        const section = citedSection(all, src.doc);
        if (section) cited.push(section);
        else problems.push(`${where}: ${src.doc} names no section of a shipped document`);
      } else if (src.path.startsWith('/') || /\s/.test(src.path)) {
        problems.push(`${where}: ${src.repo} path "${src.path}" is not a path in the repository`);
      }
    }
    const docsOnly = sources.every((src) => 'doc' in src);
    for (const entry of s.match) {
      const phrases = typeof entry === 'string' ? [entry] : entry.all;
      if (!docsOnly && !phrases.some((p) => HANGUL.test(p))) continue;
      if (!cited.some((section) => entryIn(entry, sectionText(section)))) {
        problems.push(`${where}: "${phrases.join(' + ')}" is in none of the cited sections`);
      }
    }
  }
  return problems;
}

describe('the shipped signatures name their sources', () => {
  it('reads every lexicon file and finds signatures in them', () => {
    expect(files.map((f) => f.name)).toContain('signatures.yaml');
    expect(files.flatMap((f) => f.lexicon.signatures).length).toBeGreaterThan(80);
  });

  it('gives every signature a source and finds each document-quoted or Korean wording in the section it cites', () => {
    const problems = files.flatMap((f) => sourceProblems(f.name, f.lexicon, sections));
    expect(problems).toEqual([]);
  });

  it('rejects a signature without sources, a wording its cited section lacks, and a section that does not exist', () => {
    const bad = parseLexicon(
      'bad.yaml',
      [
        'signatures:',
        '  - id: unsourced',
        '    match: [something]',
        '  - id: wrong-section',
        '    match: [보류 상태]',
        '    sources: [{doc: "knowledge/ibm-cloud/kubernetes-service-clusters.md#cs_psp"}]',
        '  - id: made-up-wording',
        '    match: ["Multiple services with the same name were found", "a wording nobody printed"]',
        '    sources: [{doc: "knowledge/ibm-cloud/kubernetes-service-clusters.md#cs_duplicate_services"}]',
        '  - id: no-such-section',
        '    match: [FailedScheduling]',
        '    sources: [{doc: "knowledge/ibm-cloud/kubernetes-service-clusters.md#nowhere"}]',
      ].join('\n'),
    );
    expect(sourceProblems('bad.yaml', bad, sections)).toEqual([
      'bad.yaml: signature unsourced has no sources',
      'bad.yaml: signature wrong-section: "보류 상태" is in none of the cited sections',
      'bad.yaml: signature made-up-wording: "a wording nobody printed" is in none of the cited sections',
      'bad.yaml: signature no-such-section: knowledge/ibm-cloud/kubernetes-service-clusters.md#nowhere names no section of a shipped document',
      'bad.yaml: signature no-such-section: "FailedScheduling" is in none of the cited sections',
    ]);
  });

  it.each([
    [
      'image-gc-short',
      'failed to garbage collect required amount of images. Wanted to free 512 bytes, but freed 0 bytes',
      'Failed to garbage collect required amount of images. Attempted to free 512 bytes, but only found 0 bytes eligible to free.',
    ],
    [
      'kubelet-dial-10250',
      'error dialing backend: dial tcp 10.0.0.7:10250: getsockopt: connection timed out',
      'error dialing backend: dial tcp 10.0.0.7:10250: i/o timeout',
    ],
    [
      'image-pull-unauthorized',
      "pull access denied for acme/api, repository does not exist or may require 'docker login'",
      'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    [
      'x509-unknown-authority',
      'x509: certificate signed by unknown authority',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ],
    [
      'scheduling-constraints',
      "0/3 nodes are available: 3 node(s) had taint {node-role: infra}, that the pod didn't tolerate.",
      '0/3 nodes are available: 3 node(s) had untolerated taint {node-role: infra}.',
    ],
  ])('gives the older and the newer wording of one message one signature: %s', (id, older, newer) => {
    const lex = compileLexicon({ concepts: [], signatures: files.flatMap((f) => f.lexicon.signatures) });
    expect(lex.annotate(older).signatures.has(id)).toBe(true);
    expect(lex.annotate(newer).signatures.has(id)).toBe(true);
  });

  it('takes an event reason that any cause records for a state, and its message for the cause', () => {
    // The kubelet records every image GC error as ImageGCFailed: a disk it could not free, or a capacity of 0.
    const lex = compileLexicon({ concepts: [], signatures: files.flatMap((f) => f.lexicon.signatures) });
    const specific = (text: string) =>
      [...lex.annotate(text).signatures].filter((id) => lex.signature(id)?.specific !== false);
    expect(specific('Warning  ImageGCFailed  49s  kubelet  invalid capacity 0 on image filesystem')).toEqual([]);
    expect(
      specific(
        'Warning  ImageGCFailed  49s  kubelet  failed to garbage collect required amount of images. Wanted to free 10 bytes',
      ),
    ).toEqual(['image-gc-short']);
  });

  it('takes Evicted printed as a reason for the eviction, and the verb in a sentence for nothing more', () => {
    const lex = compileLexicon({ concepts: [], signatures: files.flatMap((f) => f.lexicon.signatures) });
    const evicted = (text: string) => lex.annotate(text).signatures.has('evicted');
    expect(evicted('Status:  Failed\nReason:  Evicted')).toBe(true);
    expect(evicted('Warning  Evicted  2m  kubelet  The node was low on resource: memory.')).toBe(true);
    expect(evicted('NAME        READY   STATUS    RESTARTS   AGE\nweb-7d4b9   0/1     Evicted   0          5m')).toBe(
      true,
    );
    expect(evicted('The scale-down failed because some pods could not be evicted from the node.')).toBe(false);
  });

  it('resolves a line reference to the innermost section holding that line', () => {
    const s = citedSection(sections, 'knowledge/tencent/tke-faq.txt#L767');
    expect(s?.title).toBe('Pod 디스크가 가득 찬 경우(ImageGCFailed) 어떻게 해야 하나요?');
  });
});
