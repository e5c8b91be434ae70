import { usePage } from '../../web/page-context.ts';
import { formatDateTime, isMessageKey } from '../../web/i18n.ts';
import { displayName } from '../accounts/queries.ts';
import type { AuditTrail as Trail } from './audit.ts';

/** A change history: when, who (or "deleted user"), what, and which fields. */
export function AuditTrail({ entries, headingId = 'history-heading' }: { entries: Trail; headingId?: string }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('org.history')}</h2>
      {entries.length === 0 ? (
        <p>{t('org.historyEmpty')}</p>
      ) : (
        <ul class="plain-list">
          {entries.map((h) => {
            const key = `audit.${h.action}`;
            const fields = Array.isArray(h.details.fields) ? ` (${(h.details.fields as string[]).join(', ')})` : '';
            return (
              <li key={h.id}>
                {formatDateTime(h.createdAt, lang)} · {displayName(h.actor, t)} · {isMessageKey(key) ? t(key) : h.action}
                {fields}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
