import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { datasets, events, memberships, notices, organisations, submissionDatasets, submissions, users } from '../../../db/schema/index.ts';
import { insertNotices } from '../../notifications/notify.ts';
import { isSolution } from '../../realisation/rules.ts';

/**
 * Usage back to publishers, by notice (and so by mail, at once or in the weekly digest, as each member chose): the
 * members of each organisation whose datasets were used are told, one notice per member and organisation, written in
 * the caller's transaction with one INSERT … SELECT. Each leads to the organisation's data-use page. The person who
 * acted is not told.
 */

const dataUsePath = sql`'/organisations/' || ${organisations.slug} || '/data-use'`;
const members = sql`join ${memberships} on ${memberships.organisationId} = ${organisations.id}
  join ${users} on ${users.id} = ${memberships.userId} and ${users.deletedAt} is null`;
const datasetTitle = sql`coalesce(nullif(${datasets.titleSv}, ''), ${datasets.titleEn})`;

/**
 * A proposal was submitted using these datasets (only those it did not use when last submitted). The proposal is
 * not named: it is the team's until its gallery or the results are published.
 */
export async function tellPublishersOfSubmission(tx: Db | Tx, s: { datasetIds: string[]; eventTitle: string; actorId: string }): Promise<number> {
  if (!s.datasetIds.length) return 0;
  const ids = sql.join(
    s.datasetIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return insertNotices(
    tx,
    sql`select ${users.id}, 'dataUse.submitted', ${dataUsePath},
      jsonb_build_object('organisation', ${organisations.name}, 'event', ${s.eventTitle}::text,
        'datasets', string_agg(${datasetTitle}, ', ' order by ${datasetTitle}), 'count', count(*))
    from ${datasets} join ${organisations} on ${organisations.id} = ${datasets.organisationId} ${members}
    where ${datasets.id} in (${ids}) and ${users.id} <> ${s.actorId}::uuid
    group by ${users.id}, ${organisations.id}`,
  );
}

/**
 * An event's gallery or results were published: each publisher whose datasets its solutions used is told how many
 * are now public. A member already told of as many for this event (the gallery hidden and published again) is not
 * told again; one told of fewer (the results made more finalists public) is.
 */
export async function tellPublishersOfSolutions(tx: Db | Tx, eventId: string, actorId: string): Promise<number> {
  return insertNotices(
    tx,
    sql`select ${users.id}, 'dataUse.published', ${dataUsePath},
      jsonb_build_object('organisation', ${organisations.name}, 'event', ${events.titleSv}, 'eventId', ${events.id}, 'count', count(distinct ${submissions.id}))
    from ${submissions} join ${events} on ${events.id} = ${submissions.eventId}
      join ${submissionDatasets} on ${submissionDatasets.submissionId} = ${submissions.id}
      join ${datasets} on ${datasets.id} = ${submissionDatasets.datasetId}
      join ${organisations} on ${organisations.id} = ${datasets.organisationId} ${members}
    where ${submissions.eventId} = ${eventId} and ${isSolution} and ${users.id} <> ${actorId}::uuid
    group by ${users.id}, ${organisations.id}, ${events.id}
    having not exists (select 1 from ${notices} n where n.user_id = ${users.id} and n.kind = 'dataUse.published'
      and n.path = ${dataUsePath} and n.params->>'eventId' = ${events.id}::text and (n.params->>'count')::int >= count(distinct ${submissions.id}))`,
  );
}
