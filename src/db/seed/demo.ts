import { sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { memberships, organisations, users } from '../schema/index.ts';
import { createUser } from '../../modules/accounts/commands/create-user.ts';
import { updateProfile } from '../../modules/accounts/commands/update-profile.ts';

export interface DemoAccount {
  email: string;
  password: string;
  what: string;
}

/** Demo organisations and accounts, created once on an empty database, so a newcomer can sign in and look around. */
export async function seedDemo(ctx: Ctx): Promise<DemoAccount[] | null> {
  const [{ count }] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return null;

  const orgs = await ctx.db
    .insert(organisations)
    .values([
      {
        slug: 'digg',
        name: 'Myndigheten för digital förvaltning (Digg)',
        type: 'agency',
        orgNumber: '202100-6792',
        website: 'https://www.digg.se',
        description: 'Digg samordnar och stödjer den förvaltningsgemensamma digitaliseringen och driver Hack for Sweden 365.',
      },
      {
        slug: 'sodertalje-kommun',
        name: 'Södertälje kommun',
        type: 'municipality',
        orgNumber: '212000-0142',
        website: 'https://www.sodertalje.se',
        description: 'Södertälje var den första kommunen som behovsägare i Hack for Sweden 365.',
      },
    ])
    .returning({ id: organisations.id, slug: organisations.slug });
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)!.id;

  const accounts: (DemoAccount & { name: string; organiser?: boolean; org?: string })[] = [
    { email: 'organiser@hack365.test', password: 'demo-organiser-365', name: 'Olivia Organisatör', organiser: true, org: 'digg', what: 'organiser (Digg)' },
    { email: 'editor@sodertalje.test', password: 'demo-editor-365', name: 'Erik Redaktör', org: 'sodertalje-kommun', what: 'owner of Södertälje kommun' },
    { email: 'participant@hack365.test', password: 'demo-participant-365', name: 'Pia Deltagare', what: 'participant' },
  ];
  for (const account of accounts) {
    const { id } = await createUser(ctx, { email: account.email, name: account.name, password: account.password, organiser: account.organiser });
    if (account.org) await ctx.db.insert(memberships).values({ organisationId: orgId(account.org), userId: id, role: 'owner' });
    if (account.what === 'participant') {
      await updateProfile(ctx, id, { roles: ['developer', 'data_scientist'], skills: ['Python', 'GIS', 'PostgreSQL'], languages: ['svenska', 'English'], bio: 'Gillar öppna data om kollektivtrafik.' });
    }
  }
  return accounts.map(({ email, password, what }) => ({ email, password, what }));
}
