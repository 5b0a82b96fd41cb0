/**
 * Where a signature's Korean wordings hold. A Korean wording is quoted from the document section that the
 * signature's `doc:` sources name (the lexicon's contract, knowledge/lexicon/signatures.yaml): there it is
 * the failure's own description; in another section the same words can be ordinary prose about something
 * else ("도구를 찾을 수 없" asks, in one FAQ entry, why a program is missing from the image, and in the next
 * why apt-get finds no package). A section of a cited document that shows a signature only through such a
 * wording, and is not a section the signature cites, does not show that signature.
 */
import type { Section } from '../knowledge/section.ts';
import { type CompiledLexicon, compileLexicon, type Signature } from './lexicon.ts';

const HANGUL = /\p{Script=Hangul}/u;

/** A `doc:` source as a place: a file (relative to the knowledge folder) and an anchor or a line in it. */
export interface CitedPlace {
  readonly file: string;
  readonly anchor?: string;
  readonly line?: number;
}

/** Reads `knowledge/<file>#<anchor>` or `knowledge/<file>#L<line>`; undefined when it is neither. */
export function citedPlace(doc: string): CitedPlace | undefined {
  const [path, where] = doc.split('#');
  if (!path || !where) return undefined;
  const file = path.replace(/^knowledge\//, '');
  const line = /^L(\d+)$/.exec(where);
  return line ? { file, line: Number(line[1]) } : { file, anchor: where };
}

/** Whether a section is in the cited place's file. */
export const inCitedFile = (section: Pick<Section, 'source'>, p: CitedPlace) =>
  section.source === p.file || section.source.endsWith(`/${p.file}`);

interface Scope {
  readonly cited: readonly CitedPlace[];
  /** The signature with only its wordings that are not Korean; undefined when it has none. */
  readonly others?: CompiledLexicon;
}

function citedPlaces(signature: Signature): CitedPlace[] {
  return (signature.sources ?? []).flatMap((source) => {
    const place = 'doc' in source ? citedPlace(source.doc) : undefined;
    return place ? [place] : [];
  });
}

/**
 * Whether a section of a document the signature cites is other than the cited sections. Whoever wrote the
 * wording read that document and named where it describes the failure; other documents (a team's runbooks)
 * were not judged, and a wording holds in them wherever it is found.
 */
function elsewhereInCitedDocument(section: Section, places: readonly CitedPlace[]): boolean {
  const sameFile = places.filter((p) => inCitedFile(section, p));
  return (
    sameFile.length > 0 &&
    !sameFile.some((p) =>
      p.line !== undefined
        ? section.lines[0] <= p.line && p.line <= section.lines[1]
        : section.id.endsWith(`#${p.anchor}`) || section.parentId?.endsWith(`#${p.anchor}`) === true,
    )
  );
}

/**
 * For a lexicon, a function that takes the signatures found in one section and returns those that the section
 * shows only through Korean wordings quoted from other sections of its document. Signatures without `doc:`
 * sources (a team's own files may leave them out) hold wherever their wordings are found.
 */
export function misplacedQuotes(
  lexicon: CompiledLexicon,
): (found: ReadonlySet<string>, section: Section, texts: () => readonly string[]) => string[] {
  const scopes = new Map<string, Scope | null>();
  const scopeOf = (id: string): Scope | null => {
    let scope = scopes.get(id);
    if (scope !== undefined) return scope;
    const signature = lexicon.signature(id);
    const isKorean = (entry: Signature['match'][number]) =>
      (typeof entry === 'string' ? [entry] : entry.all).some((p) => HANGUL.test(p));
    const cited = signature ? citedPlaces(signature) : [];
    if (!signature || cited.length === 0 || !signature.match.some(isKorean)) scope = null;
    else {
      const match = signature.match.filter((entry) => !isKorean(entry));
      scope = {
        cited,
        ...(match.length > 0
          ? { others: compileLexicon({ concepts: [], signatures: [{ ...signature, match, concepts: [] }] }) }
          : {}),
      };
    }
    scopes.set(id, scope);
    return scope;
  };
  return (found, section, texts) => {
    const misplaced: string[] = [];
    for (const id of found) {
      const scope = scopeOf(id);
      if (!scope || !elsewhereInCitedDocument(section, scope.cited)) continue;
      if (scope.others && texts().some((t) => scope.others!.annotate(t).signatures.has(id))) continue;
      misplaced.push(id);
    }
    return misplaced;
  };
}
