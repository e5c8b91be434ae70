import crypto from 'node:crypto';
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { testDatabase } from './database.ts';

export type TestApp = FastifyInstance;

export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = { ...loadConfig({ NODE_ENV: 'test' }), outboxPollMs: 100, ...overrides };
  // Rate limits are counted in the database, which a file's tests share: each test's app counts on its own.
  return { ...config, rateLimit: { ...config.rateLimit, namespace: config.rateLimit.namespace ?? crypto.randomUUID() } };
}

/** Builds the real app on this file's test database, and closes it when the test ends. */
export async function build(t: TestContext, options: { config?: Partial<Config>; jobs?: boolean; extend?: (app: TestApp) => void } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const app = await buildApp({ config: testConfig(options.config), database, jobs: options.jobs ?? false, logger: false });
  t.after(() => app.close());
  options.extend?.(app);
  await app.ready();
  return app;
}

type Fields = Record<string, string | string[]>;

/**
 * A browser-like client over app.inject: keeps cookies, and fills in the CSRF token from the last page it saw,
 * so tests post forms the way a person does.
 */
export class Client {
  cookies = new Map<string, string>();
  csrfToken: string | null = null;
  constructor(
    readonly app: TestApp,
    readonly headers: Record<string, string> = {},
  ) {}

  async get(url: string, headers: Record<string, string> = {}) {
    return this.request('GET', url, undefined, headers);
  }

  /** Posts a form; fetches a page first if no CSRF token has been seen yet. Pass `_csrf: ''` to send none. */
  async post(url: string, fields: Fields = {}, headers: Record<string, string> = {}) {
    if (!('_csrf' in fields) && !this.csrfToken) await this.get('/signin');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrfToken ?? '', ...fields })) {
      for (const item of ([] as string[]).concat(v)) body.append(k, item);
    }
    return this.request('POST', url, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
  }

  async json(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: unknown, headers: Record<string, string> = {}) {
    return this.request(method, url, typeof payload === 'string' ? payload : JSON.stringify(payload), {
      'content-type': 'application/json',
      ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      ...headers,
    });
  }

  async request(method: string, url: string, payload?: string | Buffer, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      payload,
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
      // Signing in or out replaces the CSRF secret, so the token from the last page is spent, as in a browser.
      if (c.name === 'hack365_csrf') this.csrfToken = null;
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrfToken = token;
    return res;
  }
}
