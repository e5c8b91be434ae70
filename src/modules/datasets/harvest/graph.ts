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
      // Started afresh when full: a streamed harvest would otherwise keep the IRIs of every dataset it has written.
      if (this.strings.size >= 100_000) this.strings.clear();
      this.strings.set(s, s);
    }
    return kept;
  }

  private key(term: Term): string {
    return term.termType === 'BlankNode' ? `_:${term.value}` : this.intern(term.value);
  }

  /** Keeps the statement if its predicate is kept; returns its subject's key then. */
  add(quad: Quad): string | undefined {
    const predicate = this.predicates.get(quad.predicate.value);
    if (predicate === undefined) return undefined;
    // Subjects are map keys, kept once each; only objects are interned (the same theme or licence in every dataset).
    const subject = quad.subject.termType === 'BlankNode' ? `_:${quad.subject.value}` : quad.subject.value;
    let statements = this.subjects.get(subject);
    if (!statements) this.subjects.set(subject, (statements = []));
    const o = quad.object;
    // RDF is a set: a node described again (a contact point repeated in every dataset) is kept once. Only small
    // descriptions are checked, so a catalog listing 250,000 datasets costs nothing more per statement.
    const literal = o.termType === 'Literal';
    const object = literal ? '' : this.key(o);
    if (statements.length < 128) {
      for (let i = 0; i < statements.length; i += 2) {
        if (statements[i] !== predicate) continue;
        const kept = statements[i + 1];
        if (literal ? typeof kept === 'object' && kept.text === o.value && kept.lang === o.language : kept === object) return subject;
      }
    }
    // A parser's literal is a slice of the text it read, and would keep all of that text alive: this copies it out.
    statements.push(predicate, literal ? { text: (' ' + o.value).slice(1), lang: o.language } : object);
    return subject;
  }

  has(subject: string): boolean {
    return this.subjects.has(subject);
  }

  /** Forgets what is said about a subject with one predicate. */
  drop(subject: string, predicate: string): void {
    const statements = this.subjects.get(subject);
    const id = this.predicates.get(predicate);
    if (!statements || id === undefined) return;
    const kept: (number | string | Literal)[] = [];
    for (let i = 0; i < statements.length; i += 2) if (statements[i] !== id) kept.push(statements[i], statements[i + 1]);
    this.subjects.set(subject, kept);
  }

  subjectKeys(): IterableIterator<string> {
    return this.subjects.keys();
  }

  /** Forgets a subject's statements (a streamed harvest, once the datasets that read them are written). */
  delete(subject: string): void {
    this.subjects.delete(subject);
  }

  /**
   * A fingerprint of what is kept about a subject, in order (0 for nothing): a streamed harvest compares it with the
   * one taken when it mapped a dataset that read the subject, to know that nothing said later changes that dataset.
   */
  digest(subject: string): number {
    const statements = this.subjects.get(subject);
    if (!statements) return 0;
    let a = 0x811c9dc5;
    let b = statements.length;
    const mix = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
      }
    };
    for (let i = 0; i < statements.length; i += 2) {
      const o = statements[i + 1] as string | Literal;
      mix(String(statements[i]));
      if (typeof o === 'string') mix(`<${o}`);
      else mix(`"${o.text}@${o.lang}`);
    }
    return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff) || 1;
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
