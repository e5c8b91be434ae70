import { sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { challenges, memberships, needOwnerApplications, organisations, users } from '../schema/index.ts';
import { createUser } from '../../modules/accounts/commands/create-user.ts';
import { updateProfile } from '../../modules/accounts/commands/update-profile.ts';
import { demoChallenges, demoOrganisations } from './demo-challenges.ts';
import { slugify } from '../slug.ts';

export interface DemoAccount {
  email: string;
  password: string;
  what: string;
}

/** Demo organisations, accounts and challenges, created once on an empty database, so a newcomer can look around. */
export async function seedDemo(ctx: Ctx): Promise<DemoAccount[] | null> {
  const [{ count }] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return null;

  const orgs = await ctx.db
    .insert(organisations)
    .values(demoOrganisations.map(({ needOwner, ...o }) => ({ ...o, isNeedOwner: needOwner })))
    .returning({ id: organisations.id, slug: organisations.slug });
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)!.id;

  const accounts: (DemoAccount & { name: string; organiser?: boolean; org?: string })[] = [
    { email: 'organiser@hack365.test', password: 'demo-organiser-365', name: 'Olivia Organisatör', organiser: true, org: 'digg', what: 'organiser (Digg)' },
    { email: 'editor@sodertalje.test', password: 'demo-editor-365', name: 'Erik Redaktör', org: 'sodertalje-kommun', what: 'owner of Södertälje kommun (need owner)' },
    { email: 'applicant@kartbolaget.test', password: 'demo-applicant-365', name: 'Anna Ansökare', org: 'kartbolaget', what: 'owner of Kartbolaget (application pending)' },
    { email: 'participant@hack365.test', password: 'demo-participant-365', name: 'Pia Deltagare', what: 'participant' },
  ];
  for (const account of accounts) {
    const { id } = await createUser(ctx, { email: account.email, name: account.name, password: account.password, organiser: account.organiser });
    if (account.org) await ctx.db.insert(memberships).values({ organisationId: orgId(account.org), userId: id, role: 'owner' });
    if (account.org === 'kartbolaget') {
      await ctx.db.insert(needOwnerApplications).values({
        organisationId: orgId('kartbolaget'),
        applicantId: id,
        motivation: 'Vi vill bjuda in utvecklare att förbättra tillgängligheten i våra kartor för synskadade, med öppna data om gångvägar.',
      });
    }
    if (account.what === 'participant') {
      await updateProfile(ctx, id, { roles: ['developer', 'data_scientist'], skills: ['Python', 'GIS', 'PostgreSQL'], languages: ['svenska', 'English'], bio: 'Gillar öppna data om kollektivtrafik.' });
    }
  }

  // Published dates a week apart, newest first in the list order above.
  const day = 24 * 3600 * 1000;
  await ctx.db.insert(challenges).values(
    demoChallenges.map((c, i) => ({
      slug: slugify(c.titleSv),
      organisationId: orgId(c.org),
      status: c.status,
      titleSv: c.titleSv,
      titleEn: c.titleEn ?? '',
      summarySv: c.summarySv,
      summaryEn: c.summaryEn ?? '',
      problemSv: c.problemSv,
      outcomeSv: c.outcomeSv,
      targetGroupSv: c.targetGroupSv ?? '',
      prizeSv: c.prizeSv ?? '',
      themes: c.themes,
      keywords: c.keywords,
      requirements: c.requirements ?? [],
      contactName: 'Kontakt Demo',
      contactEmail: `utmaningar@${c.org}.test`,
      yearRound: c.yearRound ?? true,
      startsOn: c.startsOn ?? null,
      endsOn: c.endsOn ?? null,
      publishedAt: c.status === 'draft' ? null : new Date(Date.now() - (i + 1) * 7 * day),
    })),
  );
  return accounts.map(({ email, password, what }) => ({ email, password, what }));
}
