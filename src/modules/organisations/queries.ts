import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invitations, memberships, needOwnerApplications, organisations, users } from '../../db/schema/index.ts';

export async function findOrganisationBySlug(db: Db, slug: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  return org ?? null;
}
export async function findOrganisationByNumber(db: Db, orgNumber: string) {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.orgNumber, orgNumber));
  return org ?? null;
}

export type Organisation = NonNullable<Awaited<ReturnType<typeof findOrganisationBySlug>>>;

export async function listMembers(db: Db, organisationId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name));
}

export async function pendingInvitations(db: Db, organisationId: string) {
  return db
    .select({ email: invitations.email, role: invitations.role, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
}

export async function latestApplication(db: Db, organisationId: string) {
  const [row] = await db
    .select()
    .from(needOwnerApplications)
    .where(eq(needOwnerApplications.organisationId, organisationId))
    .orderBy(desc(needOwnerApplications.createdAt))
    .limit(1);
  return row ?? null;
}

/** Need owners for the public list, by name (Swedish order is applied by the caller's collator). */
export async function listNeedOwners(db: Db) {
  return db.select().from(organisations).where(eq(organisations.isNeedOwner, true));
}

export async function organisationsOf(db: Db, userId: string) {
  return db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, isNeedOwner: organisations.isNeedOwner, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

/** A live invitation by its link token, with the organisation's name. */
export async function findLiveInvitation(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: invitations.id, name: organisations.name, slug: organisations.slug })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(and(eq(invitations.id, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
  return row ?? null;
}

export async function listApplications(db: Db) {
  const rows = await db
    .select({
      id: needOwnerApplications.id,
      status: needOwnerApplications.status,
      motivation: needOwnerApplications.motivation,
      decisionReason: needOwnerApplications.decisionReason,
      createdAt: needOwnerApplications.createdAt,
      org: { slug: organisations.slug, name: organisations.name, type: organisations.type, orgNumber: organisations.orgNumber },
      applicant: { name: users.name, email: users.email },
    })
    .from(needOwnerApplications)
    .innerJoin(organisations, eq(organisations.id, needOwnerApplications.organisationId))
    .leftJoin(users, eq(users.id, needOwnerApplications.applicantId))
    .orderBy(desc(needOwnerApplications.createdAt))
    .limit(300);
  return { pending: rows.filter((r) => r.status === 'pending').reverse(), decided: rows.filter((r) => r.status !== 'pending').slice(0, 50) };
}

/** Organisations a person may write challenges for: approved need owners they belong to; all of them for the organiser. */
export async function organisationsWritableBy(db: Db, user: { id: string; isOrganiser: boolean; memberships?: unknown[] }) {
  // Most people belong to no organisation: their session already says so, and no query is needed to know it.
  if (!user.isOrganiser && user.memberships?.length === 0) return [];
  if (user.isOrganiser) {
    return db
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.isNeedOwner, true))
      .orderBy(asc(organisations.name));
  }
  return (await organisationsOf(db, user.id)).filter((o) => o.isNeedOwner);
}
