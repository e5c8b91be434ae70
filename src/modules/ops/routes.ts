import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { opsPolicy } from './policy.ts';
import { AppError } from '../../web/errors.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({ kind: Type.String(), ok: Type.Boolean(), latencyMs: Type.Number() }),
});

export default async function opsRoutes(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      config: { policy: opsPolicy.health },
      schema: { tags: ['operations'], summary: 'Liveness and database check', response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      const started = performance.now();
      let ok = true;
      try {
        await app.db.execute(sql`select 1`);
      } catch (err) {
        app.log.error({ err }, 'health check failed');
        ok = false;
      }
      const body = {
        status: ok ? ('ok' as const) : ('unavailable' as const),
        database: { kind: app.database.kind, ok, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      };
      return reply
        .code(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get('/metrics', { config: { policy: opsPolicy.metrics } }, async (req, reply) => {
    const token = app.config.metricsToken;
    if (token) {
      const given = Buffer.from(req.headers.authorization ?? '');
      const expected = Buffer.from(`Bearer ${token}`);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        throw new AppError(401, 'unauthenticated', 'error.unauthenticated.text');
      }
    }
    return reply
      .type(app.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await app.scrapeMetrics());
  });
}
