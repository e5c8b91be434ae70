import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export type Fixture = { status?: number; type?: string; body?: string | Buffer; headers?: Record<string, string>; delayMs?: number };

/** A real HTTP server on 127.0.0.1 serving fixtures by path; routes can be changed between requests. */
export async function fixtureServer(t: TestContext, routes: Record<string, Fixture | (() => Fixture)>) {
  const server = http.createServer(async (req, res) => {
    const route = routes[req.url ?? ''] ?? routes[(req.url ?? '').split('?')[0]];
    const fixture = typeof route === 'function' ? route() : route;
    if (!fixture) {
      res.writeHead(404).end('not found');
      return;
    }
    if (fixture.delayMs) await new Promise((r) => setTimeout(r, fixture.delayMs));
    res.writeHead(fixture.status ?? 200, { 'content-type': fixture.type ?? 'application/rdf+xml', ...fixture.headers });
    res.end(fixture.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, routes };
}
