import type { FastifyInstance } from 'fastify';
import { mePolicy } from './policy.ts';
import { myPage } from './queries.ts';
import { MePage } from './views/me.tsx';

export default async function meRoutes(app: FastifyInstance) {
  app.get('/me', { config: { policy: mePolicy.view } }, async (req, reply) =>
    reply.page({ title: req.t('me.title'), body: <MePage data={await myPage(app.db, req.actor.user!, new Date())} /> }),
  );
}
