import type { DatasetRecord } from './record.ts';

/** Records mapped and not yet taken by the store; past this many, the parser waits. */
const HIGH_WATER = 5000;

/**
 * Records passed from the parser (which maps them as the document streams) to the store (which writes them in its
 * transaction meanwhile). `push` returns a promise when the store is behind, so parsing waits rather than holding
 * the records; `end` adds the last ones (possibly all of a document mapped whole, taken one by one as written).
 */
export class RecordQueue implements AsyncIterable<DatasetRecord> {
  private batches: DatasetRecord[][] = [];
  private size = 0;
  private tail: Iterable<DatasetRecord> | null = null;
  private ended = false;
  private error: Error | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private room: { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } | null = null;

  push(records: DatasetRecord[]): void | Promise<void> {
    if (this.stopped) throw new Error('the store stopped');
    this.batches.push(records);
    this.size += records.length;
    this.signal();
    if (this.size <= HIGH_WATER) return;
    if (!this.room) {
      let resolve!: () => void;
      let reject!: (err: Error) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.room = { promise, resolve, reject };
    }
    return this.room.promise;
  }

  end(tail: Iterable<DatasetRecord>) {
    this.tail = tail;
    this.ended = true;
    this.signal();
  }

  fail(err: Error) {
    this.error = err;
    this.signal();
  }

  /** The store will take no more (it failed, or has finished): a parser waiting for room stops. */
  stop() {
    this.stopped = true;
    this.room?.reject(new Error('the store stopped'));
    this.room = null;
  }

  private signal() {
    this.wake?.();
    this.wake = null;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<DatasetRecord> {
    try {
      for (;;) {
        if (this.error) throw this.error;
        const batch = this.batches.shift();
        if (batch) {
          this.size -= batch.length;
          if (this.room && this.size <= HIGH_WATER / 2) {
            this.room.resolve();
            this.room = null;
          }
          yield* batch;
        } else if (this.ended) {
          if (this.tail) yield* this.tail;
          return;
        } else await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.stop();
    }
  }
}
