import type { Db, Tx } from '../../db/client.ts';
import type { FieldError, FieldErrors } from '../../web/forms.ts';
import { formatDateTime, type Lang, type MessageKey, type Translate } from '../../web/i18n.ts';
import type { Actor } from '../../web/policy.ts';
import { recordAudit } from '../audit/audit.ts';

/** The phase rules the server enforces, each of which the organiser may set aside with a stated reason. */
export type PhaseRule = 'registration' | 'proposal' | 'gallery' | 'results';

/** Why a rule refused: a message, and the moment it names (when the phase opens or closed), if any. */
export interface PhaseRefusal {
  rule: PhaseRule;
  key: MessageKey;
  at?: Date;
}

/** An organiser's exception to a phase rule: only ever with a reason, which goes to the audit log. */
export interface Override {
  reason: string;
}

/** Only the platform organiser sets a phase rule aside; those who run their own events do not. */
export const mayOverride = (actor: Actor) => actor.user?.isOrganiser === true;

/**
 * Reads `override=yes` and `reason` from a form. From anyone but the organiser the fields count for nothing (they get
 * the rule's refusal); the organiser asking without a reason gets an error on the reason field, never a silent pass.
 */
export function readOverride(actor: Actor, body: unknown): { override: Override | null; errors?: FieldErrors } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (raw.override !== 'yes' || !mayOverride(actor)) return { override: null };
  const reason = String(raw.reason ?? '').trim();
  if (reason.length < 5) return { override: null, errors: { reason: { key: 'override.error.reason' } } };
  if (reason.length > 1000) return { override: null, errors: { reason: { key: 'form.error.tooLong', params: { max: 1000 } } } };
  return { override: { reason } };
}

/** Records an exception in the audit log, in the transaction that acts on it. */
export async function recordOverride(
  tx: Db | Tx,
  actorId: string,
  eventId: string,
  refusal: PhaseRefusal,
  override: Override,
  details: Record<string, unknown> = {},
) {
  await recordAudit(tx, {
    actorId,
    action: 'phase.overridden',
    subjectType: 'event',
    subjectId: eventId,
    details: { rule: refusal.rule, refused: refusal.key, reason: override.reason, ...details },
  });
}

/** The refusal as a form error in the reader's language; it sits on the override field, where the organiser acts. */
export const refusalError = (refusal: PhaseRefusal, lang: Lang): FieldError => ({
  key: refusal.key,
  params: refusal.at ? { at: formatDateTime(refusal.at, lang) } : undefined,
});

/** The JSON answer to a refused API or background request: 409 with the stable code `phase_closed`. */
export function refusalJson(refusal: PhaseRefusal, t: Translate, lang: Lang) {
  const { key, params } = refusalError(refusal, lang);
  return { error: { code: 'phase_closed', rule: refusal.rule, message: t(key, params) } };
}
