import type { FastifyInstance } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { notificationsPolicy } from './policy.ts';
import { MailboxPage, MailPage } from './views/mailbox.tsx';

export default async function notificationsRoutes(app: FastifyInstance) {
  const enabled = app.config.env !== 'production';

  app.get('/admin/mail', { config: { policy: notificationsPolicy.readDevMailbox } }, async (req, reply) => {
    if (!enabled) throw notFound();
    const mails = await app.db.select().from(outbox).orderBy(desc(outbox.id)).limit(100);
    return reply.page({ title: req.t('admin.mail'), body: <MailboxPage mails={mails} /> });
  });

  app.get<{ Params: { id: string } }>('/admin/mail/:id', { config: { policy: notificationsPolicy.readDevMailbox } }, async (req, reply) => {
    const id = Number(req.params.id);
    if (!enabled || !Number.isSafeInteger(id)) throw notFound();
    const [mail] = await app.db.select().from(outbox).where(eq(outbox.id, id));
    if (!mail) throw notFound();
    return reply.page({ title: mail.subject, body: <MailPage mail={mail} /> });
  });
}
