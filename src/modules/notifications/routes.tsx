import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { outbox, users } from '../../db/schema/index.ts';
import { notFound } from '../../web/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { redirectWithNotice, safeNext } from '../../web/render.tsx';
import { notificationsPolicy } from './policy.ts';
import { isFollowTarget, isPublicTarget, NOTICE_PAGE, noticesOf } from './queries.ts';
import { FollowForm, NoticeMailForm } from './schema.ts';
import { follow, unfollow } from './commands/follow.ts';
import { markNoticesRead } from './commands/read-notices.ts';
import { setNoticeMail } from './commands/set-notice-mail.ts';
import { userOfUnsubscribeToken } from './unsubscribe.ts';
import { MailboxPage, MailPage } from './views/mailbox.tsx';
import { NoticesPage } from './views/notices.tsx';
import { UnsubscribedPage, UnsubscribePage } from './views/unsubscribe.tsx';

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

  // Following: anything public, by anyone signed in. Unknown and hidden things are answered as missing.
  app.post('/follows', { config: { policy: notificationsPolicy.follow } }, async (req, reply) => {
    const form = parseForm(FollowForm, req.body);
    if (!form.ok || !isFollowTarget(form.value.type)) throw notFound();
    const target = { type: form.value.type, id: form.value.id };
    const userId = req.actor.user!.id;
    if (form.value.follow === 'yes') {
      if (!(await isPublicTarget(app.db, target.type, target.id))) throw notFound();
      await follow(app, userId, target);
    } else if (!(await unfollow(app, userId, target)) && !(await isPublicTarget(app.db, target.type, target.id))) {
      throw notFound();
    }
    return redirectWithNotice(reply, safeNext(form.value.next, '/me'), form.value.follow === 'yes' ? 'follow.done' : 'follow.undone');
  });

  // The notice list. Opening a page of it reads what it shows; they are marked new this once.
  const noticesPage = async (req: FastifyRequest, reply: FastifyReply, page: number, opts: { markRead: boolean; mail?: FormValues; errors?: FieldErrors }) => {
    const user = req.actor.user!;
    const [{ rows, total, unread }, [me]] = await Promise.all([
      noticesOf(app.db, user.id, page),
      app.db.select({ noticeMail: users.noticeMail }).from(users).where(eq(users.id, user.id)),
    ]);
    if (page > 1 && !rows.length) throw notFound();
    const read = opts.markRead
      ? await markNoticesRead(
          app,
          user.id,
          rows.filter((n) => !n.readAt).map((n) => n.id),
        )
      : 0;
    user.unreadNotices = unread - read; // the header counts what is left
    const unreadElsewhere = unread - rows.filter((n) => !n.readAt).length;
    return reply.page({
      title: req.t('notice.title'),
      status: opts.errors ? 400 : 200,
      hasErrors: Boolean(opts.errors),
      body: (
        <NoticesPage
          notices={rows}
          page={page}
          pages={Math.ceil(total / NOTICE_PAGE)}
          unreadElsewhere={unreadElsewhere}
          mail={opts.mail ?? { noticeMail: me.noticeMail }}
          errors={opts.errors}
        />
      ),
    });
  };
  app.get<{ Querystring: { page?: string } }>('/notices', { config: { policy: notificationsPolicy.readNotices } }, async (req, reply) => {
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    return noticesPage(req, reply, page, { markRead: true });
  });
  app.post('/notices/read', { config: { policy: notificationsPolicy.readNotices } }, async (req, reply) => {
    await markNoticesRead(app, req.actor.user!.id);
    return redirectWithNotice(reply, '/notices', 'notice.allRead');
  });
  app.post('/notices/mail', { config: { policy: notificationsPolicy.readNotices } }, async (req, reply) => {
    const form = parseForm(NoticeMailForm, req.body);
    if (!form.ok) return noticesPage(req, reply, 1, { markRead: false, mail: form.values, errors: form.errors });
    await setNoticeMail(app, req.actor.user!.id, form.value.noticeMail);
    return redirectWithNotice(reply, '/notices', 'notice.mail.saved');
  });

  // One-click unsubscribe (RFC 8058). Its own scope: a mail client may POST multipart/form-data, which no other
  // route takes; the body says nothing the link does not.
  await app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    const userOf = (req: FastifyRequest<{ Params: { token: string } }>) => {
      const userId = userOfUnsubscribeToken(app.config.sessionSecret, req.params.token);
      if (!userId) throw notFound();
      return userId;
    };
    scope.get<{ Params: { token: string } }>('/unsubscribe/:token', { config: { policy: notificationsPolicy.unsubscribe } }, async (req, reply) => {
      userOf(req);
      return reply.page({ title: req.t('unsubscribe.title'), body: <UnsubscribePage action={`/unsubscribe/${encodeURIComponent(req.params.token)}`} /> });
    });
    scope.post<{ Params: { token: string } }>(
      '/unsubscribe/:token',
      { config: { policy: notificationsPolicy.unsubscribe, csrf: false } },
      async (req, reply) => {
        await setNoticeMail(app, userOf(req), 'off');
        return reply.page({ title: req.t('unsubscribe.doneTitle'), body: <UnsubscribedPage /> });
      },
    );
  });
}
