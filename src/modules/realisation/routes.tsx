import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inFieldOrder, parseForm, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { notFound } from '../../web/errors.ts';
import { authorize } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { isUuid } from '../../db/ids.ts';
import { realisationPolicy } from './policy.ts';
import { findSolution, needOwnersOf, standingOn } from './queries.ts';
import { UpdateForm, updateInput } from './schema.ts';
import { postUpdate } from './commands/post-update.ts';
import { confirmUpdate } from './commands/confirm-update.ts';
import { UpdatePage } from './views/update-form.tsx';

type IdParams = { Params: { id: string } };

/**
 * Writing a solution's realisation: its team and its need owners add dated updates; a need owner confirms what the
 * team reported. The public record itself is shown on the solution page.
 */
export default async function realisationRoutes(app: FastifyInstance) {
  const write = { config: { policy: realisationPolicy.write } };

  const load = async (req: FastifyRequest<IdParams>) => {
    const solution = await findSolution(app.db, req.params.id);
    if (!solution) throw notFound();
    const owners = await needOwnersOf(app.db, solution.id);
    const standing = await standingOn(app.db, req.actor, solution, owners);
    return { solution, owners, standing };
  };

  const page = (req: FastifyRequest, reply: FastifyReply, ctx: Awaited<ReturnType<typeof load>>, values: FormValues, errors?: FieldErrors) =>
    reply.page({
      title: req.t('realisation.update.title', { title: ctx.solution.title }),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <UpdatePage solution={ctx.solution} standing={ctx.standing} values={values} errors={errors && inFieldOrder(UpdateForm, errors)} />,
    });

  app.get<IdParams>('/solutions/:id/updates/new', write, async (req, reply) => {
    const ctx = await load(req);
    authorize(req, realisationPolicy.mayUpdate(ctx.standing));
    const as = ctx.standing.ownerOrganisations[0]?.id ?? 'team';
    return page(req, reply, ctx, { as, stage: '' });
  });

  app.post<IdParams>('/solutions/:id/updates', write, async (req, reply) => {
    const ctx = await load(req);
    authorize(req, realisationPolicy.mayUpdate(ctx.standing));
    const form = parseForm(UpdateForm, req.body);
    if (!form.ok) return page(req, reply, ctx, form.values, form.errors);
    const { input, errors } = updateInput(form.value);
    // Write as the team only as one of its members, and as an organisation only as one of its members.
    const as = form.value.as;
    const organisation = ctx.standing.ownerOrganisations.find((o) => o.id === as);
    if (!(as === 'team' ? ctx.standing.teamMember : organisation)) errors.as = { key: 'form.error.choice' };
    if (Object.keys(errors).length) return page(req, reply, ctx, { ...form.value }, errors);
    const update = await postUpdate(app, { actorId: req.actor.user!.id, organisationId: organisation?.id ?? null, solution: ctx.solution }, input);
    return redirectWithNotice(reply, `/solutions/${ctx.solution.id}#update-${update.id}`, 'notice.realisationUpdated');
  });

  app.post<{ Params: { id: string; updateId: string } }>('/solutions/:id/updates/:updateId/confirm', write, async (req, reply) => {
    const ctx = await load(req);
    // Only a need owner confirms: a team cannot confirm its own claim.
    authorize(req, realisationPolicy.mayConfirm(ctx.standing));
    const chosen = String((req.body as { organisation?: unknown } | undefined)?.organisation ?? '');
    const organisation = ctx.standing.ownerOrganisations.find((o) => o.id === chosen) ?? ctx.standing.ownerOrganisations[0];
    if (!isUuid(req.params.updateId)) throw notFound();
    const result = await confirmUpdate(app, { actorId: req.actor.user!.id, organisationId: organisation.id, solution: ctx.solution }, req.params.updateId);
    if (result === 'not_found') throw notFound();
    return redirectWithNotice(
      reply,
      `/solutions/${ctx.solution.id}#update-${req.params.updateId}`,
      result === 'confirmed' ? 'notice.realisationConfirmed' : 'notice.realisationAlreadyConfirmed',
    );
  });
}
