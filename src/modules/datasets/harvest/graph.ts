import type { Quad, Term } from '@rdfjs/types';

/** An object of a statement, kept small: an IRI, a blank node or a literal with its language. */
export interface Value {
  kind: 'iri' | 'blank' | 'literal';
  value: string;
  lang: string;
}

/** A literal as kept: its text and its language. */
interface Literal {
  text: string;
  lang: string;
}

/**
 * The statements a harvest maps, grouped by subject. Only the predicates in `keep` are held (the rest of a large
 * catalog is dropped as it streams past), repeated IRIs share one string, and each subject's statements are one flat
 * list of predicate (a small number) and object (an IRI or `_:` blank node as a string, a literal as a small
 * object): a catalog the size of dataportal.se takes about 60 MB here, where maps of maps of objects took 220 MB.
 */
export class CompactGraph {
  private readonly subjects = new Map<string, (number | string | Literal)[]>();
  private readonly strings = new Map<string, string>();
  private readonly predicates = new Map<string, number>();
  private readonly predicateNames: string[] = [];

  constructor(keep: ReadonlySet<string>) {
    for (const predicate of keep) this.predicates.set(predicate, this.predicateNames.push(predicate) - 1);
  }

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
    const predicate = this.predicates.get(quad.predicate.value);
    if (predicate === undefined) return;
    const subject = this.key(quad.subject);
    let statements = this.subjects.get(subject);
    if (!statements) this.subjects.set(subject, (statements = []));
    const o = quad.object;
    // A parser's literal is a slice of the text it read, and would keep all of that text alive: this copies it out.
    statements.push(predicate, o.termType === 'Literal' ? { text: (' ' + o.value).slice(1), lang: o.language } : this.key(o));
  }

  get size(): number {
    return this.subjects.size;
  }

  all(subject: string, predicate: string): Value[] {
    const statements = this.subjects.get(subject);
    const id = this.predicates.get(predicate);
    const values: Value[] = [];
    if (!statements || id === undefined) return values;
    for (let i = 0; i < statements.length; i += 2) {
      if (statements[i] === id) values.push(toValue(statements[i + 1] as string | Literal));
    }
    return values;
  }

  first(subject: string, predicate: string): Value | undefined {
    const statements = this.subjects.get(subject);
    const id = this.predicates.get(predicate);
    if (!statements || id === undefined) return undefined;
    for (let i = 0; i < statements.length; i += 2) if (statements[i] === id) return toValue(statements[i + 1] as string | Literal);
    return undefined;
  }

  /** Every statement kept about a subject, as predicate and object. */
  *statements(subject: string): Generator<[string, Value]> {
    const statements = this.subjects.get(subject) ?? [];
    for (let i = 0; i < statements.length; i += 2) yield [this.predicateNames[statements[i] as number], toValue(statements[i + 1] as string | Literal)];
  }

  /** Subjects with rdf:type `type`, in the order first seen. */
  *ofType(type: string): Generator<string> {
    const rdfType = this.predicates.get(RDF_TYPE);
    for (const [subject, statements] of this.subjects) {
      for (let i = 0; i < statements.length; i += 2) {
        const object = statements[i + 1];
        // Some exporters write the type as a literal (<rdf:type>http://www.w3.org/ns/dcat#Dataset</rdf:type>).
        if (statements[i] === rdfType && (object === type || (typeof object === 'object' && object.text === type))) {
          yield subject;
          break;
        }
      }
    }
  }
}

function toValue(o: string | Literal): Value {
  return typeof o === 'string' ? { kind: o.startsWith('_:') ? 'blank' : 'iri', value: o, lang: '' } : { kind: 'literal', value: o.text, lang: o.lang };
}

export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
