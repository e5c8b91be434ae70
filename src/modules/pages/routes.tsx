import type { FastifyInstance } from 'fastify';
import { desc } from 'drizzle-orm';
import { feedback } from '../../db/schema/index.ts';
import { parseForm } from '../../web/forms.ts';
import { pagesPolicy } from './policy.ts';
import { FeedbackForm } from './schema.ts';
import { sendAccessibilityFeedback } from './commands/send-feedback.ts';
import { homeData } from './home-queries.ts';
import { myNextSteps } from '../me/queries.ts';
import { HomePage } from './views/home.tsx';
import { PrivacyPage } from './views/privacy.tsx';
import { AccessibilityPage } from './views/accessibility.tsx';
import { AdminPage, FeedbackListPage } from './views/admin.tsx';
import { DesignPage } from './views/design.tsx';
import { notFound } from '../../web/errors.ts';

export default async function pagesRoutes(app: FastifyInstance) {
  app.get('/', { config: { policy: pagesPolicy.read, publicCache: true } }, async (req, reply) => {
    const now = new Date();
    const [data, mine] = await Promise.all([homeData(app.db, now), req.actor.user ? myNextSteps(app.db, req.actor.user, now) : null]);
    return reply.page({ title: req.t('home.title'), body: <HomePage data={data} mine={mine} /> });
  });
  app.get('/privacy', { config: { policy: pagesPolicy.read } }, (req, reply) =>
    reply.page({ title: req.t('privacy.title'), body: <PrivacyPage dpoEmail={app.config.dpoEmail} /> }),
  );
  app.get<{ Querystring: { sent?: string } }>('/accessibility', { config: { policy: pagesPolicy.read } }, (req, reply) =>
    reply.page({ title: req.t('a11y.title'), body: <AccessibilityPage contact={app.config.organiserEmail} sent={req.query.sent === '1'} /> }),
  );
  app.post('/accessibility/feedback', { config: { policy: pagesPolicy.sendFeedback, rateLimit: { max: 10, timeWindow: '1 hour' } } }, async (req, reply) => {
    const form = parseForm(FeedbackForm, req.body);
    if (!form.ok) {
      return reply.page({
        title: req.t('a11y.title'),
        status: 400,
        hasErrors: true,
        body: <AccessibilityPage contact={app.config.organiserEmail} values={form.values} errors={form.errors} />,
      });
    }
    await sendAccessibilityFeedback(app, req.actor.user?.id ?? null, form.value);
    return reply.redirect('/accessibility?sent=1#feedback', 303);
  });

  // Every component in one page, for designers, developers and the accessibility checks; not part of the service.
  app.get<{ Querystring: { page?: string } }>('/design', { config: { policy: pagesPolicy.viewDesign } }, (req, reply) => {
    if (app.config.env === 'production' && !app.config.designPage) throw notFound();
    return reply.page({ title: req.t('design.title'), body: <DesignPage /> });
  });

  app.get('/admin', { config: { policy: pagesPolicy.viewAdmin } }, (req, reply) =>
    reply.page({ title: req.t('admin.title'), body: <AdminPage devMail={app.config.env !== 'production'} /> }),
  );
  app.get('/admin/feedback', { config: { policy: pagesPolicy.readFeedback } }, async (req, reply) => {
    const items = await app.db.select().from(feedback).orderBy(desc(feedback.createdAt)).limit(200);
    return reply.page({ title: req.t('admin.feedback'), body: <FeedbackListPage items={items} /> });
  });
}
