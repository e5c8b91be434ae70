// shacl-engine ships no types; only what hack365 uses is declared.
declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory } from '@rdfjs/types';
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset(): DatasetCore } });
    validate(data: { dataset: DatasetCore }): Promise<{ conforms: boolean; results: unknown[] }>;
  }
}
