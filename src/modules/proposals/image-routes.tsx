import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { inFieldOrder, parseForm, Text, type FieldErrors, type FormValues } from '../../web/forms.ts';
import { AppError, badRequest, notFound } from '../../web/errors.ts';
import { anyone, authorize, signedIn } from '../../web/policy.ts';
import { redirectWithNotice } from '../../web/render.tsx';
import { ConfirmPage, isConfirmed } from '../../web/components/confirm.tsx';
import { ALT_MAX, IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS, reencodeImage } from './image.ts';
import { imageForViewer, imageOf, imageSubject, type ImageSubject } from './image-queries.ts';
import { removeSolutionImage, setSolutionImage } from './commands/set-solution-image.ts';
import { ImageFormPage } from './views/image-form.tsx';

type IdParams = { Params: { id: string } };
const AltForm = Type.Object({ altSv: Text(ALT_MAX), altEn: Text(ALT_MAX) });
/** Room for the form's other fields around the file: a body larger than this is refused unread. */
const BODY_MAX = IMAGE_MAX_BYTES + 64 * 1024;
const YEAR = 365 * 24 * 60 * 60;

/**
 * A solution's image: its team (and the organiser) upload, replace and remove it; anyone may see it once the solution
 * is public, the team before. Uploads are decoded and drawn anew (image.ts), never served as sent.
 */
export default async function imageRoutes(app: FastifyInstance) {
  const write = { config: { policy: signedIn } };
  const tooLarge = new WeakSet<FastifyRequest>();

  // A multipart body that breaks off or is malformed is the sender's fault (400), not the server's.
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }) => {
    const broken = err.code === 'ERR_STREAM_PREMATURE_CLOSE' || /multipart|boundary|unexpected end of form|part terminated/i.test(err.message);
    if (!err.statusCode && !(err instanceof AppError) && broken) throw badRequest();
    throw err;
  });

  const load = async (req: FastifyRequest<IdParams>) => {
    const subject = await imageSubject(app.db, req.params.id, req.actor);
    // Nobody learns that an unpublished proposal exists unless they could see it.
    if (!subject || !subject.mayView) throw notFound();
    authorize(req, subject.mayEdit);
    return subject;
  };

  const formPage = async (req: FastifyRequest, reply: FastifyReply, subject: ImageSubject, values: FormValues, errors?: FieldErrors) => {
    const image = await imageOf(app.db, subject.id);
    const wantsJson = String(req.headers.accept ?? '').includes('application/json');
    if (errors && wantsJson)
      return reply.code(400).send({
        error: {
          code: 'validation_failed',
          message: req.t('error.validation.text'),
          fields: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, req.t(e.key, e.params)])),
        },
      });
    return reply.page({
      title: req.t('solutionImage.title', { title: subject.title || req.t('proposal.untitled') }),
      status: errors ? 400 : 200,
      hasErrors: Boolean(errors),
      body: <ImageFormPage subject={subject} image={image} values={values} errors={errors && inFieldOrder(AltForm, errors)} />,
    });
  };

  // Browsers say how large a form is before sending it: one far over the limit is answered (the form, with the
  // error) without reading it, so nobody streams gigabytes at the server. Runs after the policy, before parsing.
  app.addHook('preValidation', async (req: FastifyRequest<IdParams>, reply) => {
    if (req.method !== 'POST' || Number(req.headers['content-length'] ?? 0) <= BODY_MAX) return;
    const subject = await load(req);
    const mb = IMAGE_MAX_BYTES / 1024 / 1024;
    await formPage(req, reply.header('connection', 'close'), subject, {}, { image: { key: 'solutionImage.error.tooLarge', params: { mb } } });
    return reply;
  });

  // Sent only with this scope's forms. A file over the limit is cut off, not refused mid-stream, so the form can say
  // why and keep the alt text typed; a body that says beforehand it is larger than that is refused unread (above).
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 8, parts: 10, fieldSize: 16 * 1024, headerPairs: 100 },
    async onFile(part) {
      await part.toBuffer();
      if (part.file.truncated) tooLarge.add(this);
    },
  });

  app.get<IdParams>('/solutions/:id/image', write, async (req, reply) => {
    const subject = await load(req);
    const image = await imageOf(app.db, subject.id);
    return formPage(req, reply, subject, { altSv: image?.altSv ?? '', altEn: image?.altEn ?? '' });
  });

  // Decoding images is costly: each address gets a few dozen uploads an hour.
  const upload = { config: { ...write.config, rateLimit: { max: 60, timeWindow: '1 hour' } } };
  app.post<IdParams>('/solutions/:id/image', upload, async (req, reply) => {
    const subject = await load(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(AltForm, body);
    const values = form.ok ? { ...form.value } : form.values;
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (form.ok && !form.value.altSv && !form.value.altEn) errors.altSv = { key: 'solutionImage.error.alt' };
    const file = Buffer.isBuffer(body.image) ? body.image : null;
    const existing = await imageOf(app.db, subject.id);
    if (tooLarge.has(req)) errors.image = { key: 'solutionImage.error.tooLarge', params: { mb: IMAGE_MAX_BYTES / 1024 / 1024 } };
    else if (!file?.length && !existing) errors.image = { key: 'solutionImage.error.missing' };
    if (Object.keys(errors).length) return formPage(req, reply, subject, values, errors);
    const alt = { altSv: String(values.altSv ?? ''), altEn: String(values.altEn ?? '') };
    if (!file?.length) {
      // No new file: the alt text of the image there is changed.
      await setSolutionImage(app.db, req.actor.user!.id, subject.id, alt);
      return redirectWithNotice(reply, `/solutions/${subject.id}/image`, 'notice.solutionImageSaved');
    }
    const encoded = await reencodeImage(file);
    if ('refused' in encoded) {
      const params = encoded.refused === 'dimensions' ? { megapixels: IMAGE_MAX_PIXELS / 1_000_000 } : undefined;
      return formPage(req, reply, subject, values, { image: { key: `solutionImage.error.${encoded.refused}`, params } });
    }
    await setSolutionImage(app.db, req.actor.user!.id, subject.id, alt, encoded);
    return redirectWithNotice(reply, `/solutions/${subject.id}/image`, 'notice.solutionImageSaved');
  });

  app.get<IdParams>('/solutions/:id/image/remove', write, async (req, reply) => {
    const subject = await load(req);
    const back = `/solutions/${subject.id}/image`;
    if (!(await imageOf(app.db, subject.id))) return reply.redirect(back, 303);
    return reply.page({
      title: req.t('solutionImage.removeTitle'),
      body: (
        <ConfirmPage
          heading={req.t('solutionImage.removeTitle')}
          text={req.t('solutionImage.removeText')}
          action={`${back}/remove`}
          button={req.t('solutionImage.remove')}
          back={back}
        />
      ),
    });
  });

  app.post<IdParams>('/solutions/:id/image/remove', write, async (req, reply) => {
    const subject = await load(req);
    const back = `/solutions/${subject.id}/image`;
    if (!isConfirmed(req.body)) return reply.redirect(`${back}/remove`, 303);
    await removeSolutionImage(app.db, req.actor.user!.id, subject.id);
    return redirectWithNotice(reply, back, 'notice.solutionImageRemoved');
  });

  const serve = (size: 'full' | 'card') => async (req: FastifyRequest<IdParams & { Querystring: { v?: string } }>, reply: FastifyReply) => {
    const image = await imageForViewer(app.db, req.params.id, req.actor, size);
    if (!image) throw notFound();
    const etag = `"${image.hash}-${size}"`;
    // An address naming this very version never changes, so it may be kept a year; the bare address is checked each
    // time. What only the team may see yet is kept by no shared cache.
    const cache = !image.isPublic ? 'private, no-cache' : req.query.v === image.hash ? `public, max-age=${YEAR}, immutable` : 'public, no-cache';
    reply.header('etag', etag).header('cache-control', cache).header('x-content-type-options', 'nosniff');
    const asked = String(req.headers['if-none-match'] ?? '').split(',');
    if (asked.some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    return reply.type('image/webp').send(image.data);
  };
  const read = { config: { policy: anyone } };
  app.get<IdParams & { Querystring: { v?: string } }>('/solutions/:id/image.webp', read, serve('full'));
  app.get<IdParams & { Querystring: { v?: string } }>('/solutions/:id/image-card.webp', read, serve('card'));
}
