import type { TestApp } from './app.ts';

/** Counts the statements the app sends to its database from now on (both drivers' clients answer `query`). */
export function countQueries(app: TestApp) {
  const client = (app.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const original = client.query;
  const counter = { count: 0, stop: () => (client.query = original) };
  client.query = function (this: unknown, ...args: unknown[]) {
    counter.count++;
    return original.apply(this, args);
  };
  return counter;
}
