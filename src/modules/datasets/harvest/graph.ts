import type { Quad, Term } from '@rdfjs/types';

/** An object of a statement, kept small: an IRI, a blank node or a literal with its language. */
export interface Value {
  kind: 'iri' | 'blank' | 'literal';
  value: string;
  lang: string;
}

/** A literal as kept: its text (copied out of the parser's buffers, so those can be freed) and its language. */
interface Literal {
  text: string;
  lang: string;
}

/**
 * The statements a harvest maps, grouped by subject. Only the predicates in `keep` are held (the rest of a large
 * catalog is dropped as it streams past), repeated IRIs share one string, and each subject's statements are one flat
 * list of predicate and object (an IRI or `_:` blank node as a string, a literal as a small object): a catalog the
 * size of dataportal.se takes about 60 MB here, where maps of maps of objects took 220 MB.
 */
export class CompactGraph {
  private readonly subjects = new Map<string, (string | Literal)[]>();
  private readonly strings = new Map<string, string>();

  constructor(private readonly keep: ReadonlySet<string>) {}

  private intern(s: string): string {
    let kept = this.strings.get(s);
    if (kept === undefined) {
      kept = s;
      if (this.strings.size < 500_000) this.strings.set(s, s);
    }
    return kept;
  }

  private key(term: Term): string {
    return term.termType === 'BlankNode' ? `_:${term.value}` : this.intern(term.value);
  }

  add(quad: Quad): void {
    const predicate = quad.predicate.value;
    if (!this.keep.has(predicate)) return;
    const subject = this.key(quad.subject);
    let statements = this.subjects.get(subject);
    if (!statements) this.subjects.set(subject, (statements = []));
    const o = quad.object;
    statements.push(this.intern(predicate), o.termType === 'Literal' ? { text: Buffer.from(o.value).toString(), lang: o.language } : this.key(o));
  }

  get size(): number {
    return this.subjects.size;
  }

  all(subject: string, predicate: string): Value[] {
    const statements = this.subjects.get(subject);
    const values: Value[] = [];
    if (!statements) return values;
    for (let i = 0; i < statements.length; i += 2) {
      if (statements[i] !== predicate) continue;
      const o = statements[i + 1];
      values.push(typeof o === 'string' ? { kind: o.startsWith('_:') ? 'blank' : 'iri', value: o, lang: '' } : { kind: 'literal', value: o.text, lang: o.lang });
    }
    return values;
  }

  first(subject: string, predicate: string): Value | undefined {
    return this.all(subject, predicate)[0];
  }

  /** Subjects with rdf:type `type`, in the order first seen. */
  *ofType(type: string): Generator<string> {
    for (const [subject, statements] of this.subjects) {
      for (let i = 0; i < statements.length; i += 2) {
        if (statements[i] === RDF_TYPE && statements[i + 1] === type) {
          yield subject;
          break;
        }
      }
    }
  }
}
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
