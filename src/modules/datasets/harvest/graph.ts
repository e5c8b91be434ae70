import type { Quad, Term } from '@rdfjs/types';

/** An object of a statement, kept small: an IRI, a blank node or a literal with its language. */
export interface Value {
  kind: 'iri' | 'blank' | 'literal';
  value: string;
  lang: string;
}

/**
 * The statements a harvest maps, grouped by subject. Only the predicates in `keep` are held (the rest of a large
 * catalog is dropped as it streams past) and repeated IRIs share one string, so a catalog the size of dataportal.se
 * fits in a small part of the memory its document would.
 */
export class CompactGraph {
  private readonly subjects = new Map<string, Map<string, Value[]>>();
  private readonly strings = new Map<string, string>();

  constructor(private readonly keep: ReadonlySet<string>) {}

  private intern(s: string): string {
    let kept = this.strings.get(s);
    if (kept === undefined) {
      kept = s;
      if (this.strings.size < 200_000) this.strings.set(s, s);
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
    let properties = this.subjects.get(subject);
    if (!properties) this.subjects.set(subject, (properties = new Map()));
    let values = properties.get(predicate);
    if (!values) properties.set(predicate, (values = []));
    const o = quad.object;
    values.push(
      o.termType === 'Literal'
        ? { kind: 'literal', value: o.value, lang: o.language }
        : { kind: o.termType === 'BlankNode' ? 'blank' : 'iri', value: this.key(o), lang: '' },
    );
  }

  get size(): number {
    return this.subjects.size;
  }

  all(subject: string, predicate: string): Value[] {
    return this.subjects.get(subject)?.get(predicate) ?? [];
  }

  first(subject: string, predicate: string): Value | undefined {
    return this.all(subject, predicate)[0];
  }

  /** Subjects with rdf:type `type`, in the order first seen. */
  *ofType(type: string): Generator<string> {
    for (const [subject, properties] of this.subjects) {
      if (properties.get(RDF_TYPE)?.some((v) => v.value === type)) yield subject;
    }
  }
}
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
