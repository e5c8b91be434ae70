import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { challengeDatasets, challenges, memberships, needOwnerApplications, organisations, users } from '../schema/index.ts';
import { createUser } from '../../modules/accounts/commands/create-user.ts';
import { updateProfile } from '../../modules/accounts/commands/update-profile.ts';
import { demoChallenges, demoOrganisations } from './demo-challenges.ts';
import { slugify } from '../slug.ts';
import { registerDataset, saveDistribution } from '../../modules/datasets/commands/register-dataset.ts';
import { seedDemoEvents } from './demo-events.ts';
import { seedDemoTeams } from './demo-teams.ts';
import { seedDemoResults } from './demo-results.ts';
import { seedDemoRealisation } from './demo-realisation.ts';
import { seedDemoStatistics } from './demo-statistics.ts';
import { seedDemoImages } from './demo-images.ts';
import { reportProblem } from '../../modules/datasets/commands/report-problem.ts';

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
    {
      email: 'editor@sodertalje.test',
      password: 'demo-editor-365',
      name: 'Erik Redaktör',
      org: 'sodertalje-kommun',
      what: 'owner of Södertälje kommun (need owner)',
    },
    {
      email: 'applicant@kartbolaget.test',
      password: 'demo-applicant-365',
      name: 'Anna Ansökare',
      org: 'kartbolaget',
      what: 'owner of Kartbolaget (application pending)',
    },
    { email: 'participant@hack365.test', password: 'demo-participant-365', name: 'Pia Deltagare', what: 'participant' },
  ];
  const userIds = new Map<string, string>();
  for (const account of accounts) {
    const { id } = await createUser(ctx, { email: account.email, name: account.name, password: account.password, organiser: account.organiser });
    userIds.set(account.email, id);
    if (account.org) await ctx.db.insert(memberships).values({ organisationId: orgId(account.org), userId: id, role: 'owner' });
    if (account.org === 'kartbolaget') {
      await ctx.db.insert(needOwnerApplications).values({
        organisationId: orgId('kartbolaget'),
        applicantId: id,
        motivation: 'Vi vill bjuda in utvecklare att förbättra tillgängligheten i våra kartor för synskadade, med öppna data om gångvägar.',
      });
    }
    if (account.what === 'participant') {
      await updateProfile(ctx, id, {
        roles: ['developer', 'data_scientist'],
        skills: ['Python', 'GIS', 'PostgreSQL'],
        languages: ['svenska', 'English'],
        bio: 'Gillar öppna data om kollektivtrafik.',
      });
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
  await seedDemoEvents(ctx, orgId('sodertalje-kommun'));
  await seedDemoDatasets(ctx, orgId('sodertalje-kommun'), userIds.get('editor@sodertalje.test')!, userIds.get('participant@hack365.test')!);
  await seedDemoTeams(ctx, userIds.get('participant@hack365.test')!, userIds.get('editor@sodertalje.test')!);
  await seedDemoResults(ctx, userIds.get('organiser@hack365.test')!);
  await seedDemoRealisation(ctx, { participantId: userIds.get('participant@hack365.test')!, editorId: userIds.get('editor@sodertalje.test')! });
  await seedDemoStatistics(ctx, userIds.get('organiser@hack365.test')!);
  await seedDemoImages(ctx);
  return accounts.map(({ email, password, what }) => ({ email, password, what }));
}

/** Södertälje has no portal of its own: two datasets registered here, each linked to the challenges it fits, one with a report. */
async function seedDemoDatasets(ctx: Ctx, organisationId: string, editorId: string, participantId: string) {
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, organisationId));
  const common = {
    descriptionEn: '',
    contactName: 'Södertälje kommun, öppna data',
    contactEmail: 'oppnadata@sodertalje.test',
    accessRights: 'PUBLIC' as const,
    issued: '2025-03-01',
    modified: '',
  };
  const cc0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
  const stops = await registerDataset(ctx, editorId, org, {
    ...common,
    titleSv: 'Cykelparkeringar i Södertälje',
    titleEn: 'Bicycle parking in Södertälje',
    descriptionSv: 'Kommunens cykelparkeringar med antal platser, tak och laddning för elcyklar. Uppdateras varje månad.',
    themes: ['TRAN'],
    keywords: 'cykel, parkering, mobilitet',
    landingPage: 'https://www.sodertalje.se/',
  });
  await saveDistribution(ctx, editorId, stops.id, null, {
    titleSv: 'Cykelparkeringar (CSV)',
    titleEn: '',
    descriptionSv: '',
    descriptionEn: '',
    accessUrl: 'https://www.sodertalje.se/',
    downloadUrl: '',
    format: 'CSV',
    licence: cc0,
  });
  await saveDistribution(ctx, editorId, stops.id, null, {
    titleSv: 'Cykelparkeringar (GeoJSON)',
    titleEn: '',
    descriptionSv: '',
    descriptionEn: '',
    accessUrl: 'https://www.sodertalje.se/',
    downloadUrl: '',
    format: 'GEOJSON',
    licence: cc0,
  });
  const baths = await registerDataset(ctx, editorId, org, {
    ...common,
    titleSv: 'Badplatser och vattenprov',
    titleEn: 'Bathing sites and water samples',
    descriptionSv: 'Kommunens badplatser med läge, faciliteter och de senaste vattenproverna under badsäsongen.',
    themes: ['ENVI', 'HEAL'],
    keywords: 'bad, vattenkvalitet, friluftsliv',
    landingPage: '',
  });
  await saveDistribution(ctx, editorId, baths.id, null, {
    titleSv: 'Badplatser (JSON)',
    titleEn: '',
    descriptionSv: '',
    descriptionEn: '',
    accessUrl: 'https://www.sodertalje.se/',
    downloadUrl: '',
    format: 'JSON',
    licence: cc0,
  });
  await reportProblem(
    ctx,
    participantId,
    { id: baths.id, titleSv: 'Badplatser och vattenprov', organisationId },
    { kind: 'outdated', message: 'Vattenproven i filen är från förra sommaren. Kommer årets prover?' },
  );
  // Each dataset on every demo challenge it serves, whoever posted the challenge (SLU's uses Södertälje's samples).
  const uses: [string, string][] = [
    ['Tryggare cykelvägar till skolan', stops.id],
    ['Varna för algblomning vid badplatser', baths.id],
  ];
  for (const [title, datasetId] of uses) {
    const [challenge] = await ctx.db.select({ id: challenges.id }).from(challenges).where(eq(challenges.titleSv, title));
    if (challenge) await ctx.db.insert(challengeDatasets).values({ challengeId: challenge.id, datasetId, addedBy: editorId });
  }
}
