import crypto from 'node:crypto';
import type { TestApp } from './app.ts';
import { Client } from './app.ts';
import { memberships, organisations } from '../db/schema/index.ts';
import { createUser } from '../modules/accounts/commands/create-user.ts';
import type { MemberRole, OrganisationType } from '../db/schema/index.ts';

const unique = () => crypto.randomBytes(5).toString('hex');
export const PASSWORD = 'correct horse battery staple';

export async function aUser(app: TestApp, overrides: { email?: string; name?: string; organiser?: boolean } = {}) {
  const email = overrides.email ?? `user-${unique()}@example.org`;
  const { id } = await createUser(app, { email, name: overrides.name ?? 'Test Person', password: PASSWORD, organiser: overrides.organiser });
  return { id, email, password: PASSWORD };
}

export async function anOrganisation(app: TestApp, overrides: { name?: string; type?: OrganisationType } = {}) {
  const slug = `org-${unique()}`;
  const [org] = await app.db
    .insert(organisations)
    .values({ slug, name: overrides.name ?? `Organisation ${slug}`, type: overrides.type ?? 'municipality' })
    .returning();
  return org;
}

export async function aMember(app: TestApp, organisationId: string, role: MemberRole = 'editor') {
  const user = await aUser(app);
  await app.db.insert(memberships).values({ organisationId, userId: user.id, role });
  return user;
}

/** A client signed in as the given user, through the real sign-in form. */
export async function signedIn(app: TestApp, user: { email: string; password: string }): Promise<Client> {
  const client = new Client(app);
  await client.get('/signin');
  const res = await client.post('/signin', { email: user.email, password: user.password });
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.statusCode}`);
  return client;
}
