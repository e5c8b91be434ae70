import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { AppError, notFound } from '../../web/errors.ts';
import { isLang, translator } from '../../web/i18n.ts';
import { LANG_COOKIE } from '../../web/plugin.ts';
import { anyone, authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { canManageEvent, canViewEvent, eventsPolicy } from '../events/policy.ts';
import { findEventBySlug } from '../events/queries.ts';
import { CheckInForm, checkInInput } from './check-in-form.ts';
import { checkInsOfEvent } from './check-ins.ts';
import { answerCheckIn, findCheckInLink, type CheckInAnswer, type CheckInLink, type LinkState } from './commands/answer-check-in.ts';
import { CheckInClosed, CheckInPage, CheckInsOverview, closedTitle } from './views/check-in.tsx';

type TokenParams = { Params: { token: string } };
type Closed = Exclude<LinkState, 'open'>;

/** Refused answers: the link was used or its check-in answered (a conflict), it expired (gone), its holder left. */
const refusal: Record<Closed, number> = { used: 409, answered: 409, expired: 410, no_standing: 403 };

/**
 * Check-ins: the page a check-in mail links to (the token is the credential, so no sign-in), and the organiser's
 * overview per event. The link's GET only shows; every change is a POST from a button on the page, because mail
 * scanners and link previews open links in mails and must not answer for anyone.
 */
export default async function checkInRoutes(app: FastifyInstance) {
  const byLink = { config: { policy: anyone } };

  const load = async (req: FastifyRequest<TokenParams>) => {
    const found = await findCheckInLink(app.db, req.params.token);
    if (!found) throw new AppError(404, 'not_found', 'checkIn.unknown');
    speakTo(req, found.person.preferredLanguage);
    return found;
  };

  const page = (req: FastifyRequest<TokenParams>, reply: FastifyReply, found: CheckInLink, values: FormValues, errors?: FieldErrors) =>
    reply.page({
      title: req.t('checkIn.title', { solution: found.solution.title }),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <CheckInPage found={found} action={`/check-in/${req.params.token}`} values={values} errors={errors} />,
    });

  const closedPage = (req: FastifyRequest, reply: FastifyReply, found: CheckInLink, state: Closed, status = 200) =>
    reply.page({ title: req.t(closedTitle(state)), status, body: <CheckInClosed found={found} state={state} /> });

  app.get<TokenParams>('/check-in/:token', byLink, async (req, reply) => {
    const found = await load(req);
    if (found.state !== 'open') return closedPage(req, reply, found, found.state);
    const lang = isLang(found.person.preferredLanguage) ? found.person.preferredLanguage : req.lang;
    return page(req, reply, found, { stage: found.solution.stage, lang });
  });

  app.post<TokenParams>('/check-in/:token', byLink, async (req, reply) => {
    const found = await load(req);
    if (found.state !== 'open') return closedPage(req, reply, found, found.state, refusal[found.state]);
    let answer: CheckInAnswer = { noChange: true };
    if ((req.body as { answer?: unknown } | undefined)?.answer !== 'noChange') {
      const form = parseForm(CheckInForm, req.body);
      if (!form.ok) return page(req, reply, found, form.values, inFieldOrder(CheckInForm, form.errors));
      const { input, errors } = checkInInput(form.value, found.solution.stage);
      if (Object.keys(errors).length) return page(req, reply, found, { ...form.value }, errors);
      answer = { noChange: false, input };
    }
    const outcome = await answerCheckIn(app, req.params.token, answer);
    if (outcome === 'done') return redirectWithNotice(reply, `/check-in/${req.params.token}`, 'checkIn.thanks');
    const now = await findCheckInLink(app.db, req.params.token);
    if (outcome === 'not_found' || !now) throw new AppError(404, 'not_found', 'checkIn.unknown');
    return closedPage(req, reply, now, outcome, refusal[outcome]);
  });

  app.get<{ Params: { slug: string } }>('/events/:slug/manage/check-ins', { config: { policy: eventsPolicy.manage } }, async (req, reply) => {
    const event = await findEventBySlug(app.db, req.params.slug);
    if (!event || !canViewEvent(req.actor, event.event)) throw notFound();
    authorize(req, canManageEvent(req.actor, event.event));
    const solutions = await checkInsOfEvent(app.db, event.event.id);
    return reply.page({
      title: req.t('checkIn.overview.title'),
      body: <CheckInsOverview event={event.event} solutions={solutions} resultsPublished={event.event.resultsPublishedAt !== null} />,
    });
  });
}

/**
 * The token names its holder as a session names a signed-in person, so their own language comes after an explicit
 * choice (?lang or the language cookie) and before the browser's.
 */
function speakTo(req: FastifyRequest, preferred: string) {
  if (req.actor.user || isLang((req.query as { lang?: unknown } | undefined)?.lang) || isLang(req.cookies[LANG_COOKIE]) || !isLang(preferred)) return;
  req.lang = preferred;
  req.t = translator(preferred);
}
