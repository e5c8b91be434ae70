import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { build, Client } from '../../test/app.ts';
import { aMember, anOrganisation, aUser, signedIn } from '../../test/factories.ts';
import { startMailServer, linkIn } from '../../test/mail-server.ts';
import { memberships, needOwnerApplications, organisations } from '../../db/schema/index.ts';
import { normaliseOrgNumber } from './org-number.ts';

const mail = await startMailServer();
const withMail = { config: { smtpUrl: mail.url, organiserEmail: 'digg@example.org' }, jobs: true };

test('organisationsnummer: both written forms, the check digit, and the 16-prefixed form', () => {
  assert.equal(normaliseOrgNumber('556677-8899'), '556677-8899');
  assert.equal(normaliseOrgNumber('5566778899'), '556677-8899');
  assert.equal(normaliseOrgNumber(' 212000-0142 '), '212000-0142');
  assert.equal(normaliseOrgNumber('16212000-0142'), '212000-0142');
  assert.equal(normaliseOrgNumber('556677-8898'), null, 'wrong check digit');
  assert.equal(normaliseOrgNumber('55667788'), null, 'too short');
  assert.equal(normaliseOrgNumber('55667788ab'), null);
});

test('applying to become a need owner: validation, the organiser rejects with a reason, the applicant applies again and is approved', async (t) => {
  const app = await build(t, withMail);
  const applicant = await aUser(app);
  const client = await signedIn(app, applicant);
  await client.get('/organisations/apply');
  const name = `Testkommun ${Date.now()}`;

  const bad = await client.post('/organisations/apply', { name, type: 'municipality', orgNumber: '556677-8898', website: 'not a url', motivation: 'kort' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-orgNumber"[^>]*>Organisationsnummer: Organisationsnumret stämmer inte/);
  assert.match(bad.body, /href="#f-motivation"/);
  assert.match(bad.body, /href="#f-website"/);
  const missing = await client.post('/organisations/apply', {
    name,
    type: 'municipality',
    orgNumber: '',
    website: '',
    motivation: 'Vi har många öppna data om skolor.',
  });
  assert.match(missing.body, /Fyll i organisationsnumret, eller kryssa i/);
  assert.equal((await app.db.select().from(organisations).where(eq(organisations.name, name))).length, 0);

  const ok = await client.post('/organisations/apply', {
    name,
    type: 'municipality',
    orgNumber: '5566778899',
    website: 'https://kommun.example',
    motivation: 'Vi har många öppna data om skolor och vill ha hjälp.',
  });
  assert.equal(ok.statusCode, 303);
  const [org] = await app.db.select().from(organisations).where(eq(organisations.name, name));
  assert.equal(org.orgNumber, '556677-8899');
  assert.equal(org.isNeedOwner, false);
  await mail.waitFor((m) => m.to === 'digg@example.org' && m.subject.includes(name));
  const profile = await client.get(ok.headers.location as string);
  assert.match(profile.body, /väntar på beslut/);
  assert.equal((await client.get('/challenges/new')).statusCode, 403, 'no challenges before approval');

  const organiser = await signedIn(app, await aUser(app, { organiser: true }));
  const list = await organiser.get('/admin/applications');
  assert.match(list.body, new RegExp(name));
  const [application] = await app.db.select().from(needOwnerApplications).where(eq(needOwnerApplications.organisationId, org.id));
  const noReason = await organiser.post(`/admin/applications/${application.id}/decision`, { decision: 'rejected', reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Skriv varför ansökan avslås/);
  assert.equal(
    (await organiser.post(`/admin/applications/${application.id}/decision`, { decision: 'rejected', reason: 'Saknar kontaktperson.' })).statusCode,
    303,
  );
  const rejected = await mail.waitFor((m) => m.to === applicant.email && /avslogs/.test(m.subject));
  assert.match(rejected.text, /Saknar kontaktperson/);
  const twice = await organiser.post(`/admin/applications/${application.id}/decision`, { decision: 'approved', reason: '' });
  assert.equal(twice.statusCode, 303);
  assert.equal((await app.db.select().from(organisations).where(eq(organisations.id, org.id)))[0].isNeedOwner, false, 'a decided application stays decided');

  await client.get(`/organisations/${org.slug}/apply`);
  assert.equal((await client.post(`/organisations/${org.slug}/apply`, { motivation: 'Nu har vi en kontaktperson för utmaningarna.' })).statusCode, 303);
  const [again] = await app.db.select().from(needOwnerApplications).where(eq(needOwnerApplications.status, 'pending'));
  await organiser.get('/admin/applications');
  assert.equal((await organiser.post(`/admin/applications/${again.id}/decision`, { decision: 'approved', reason: '' })).statusCode, 303);
  await mail.waitFor((m) => m.to === applicant.email && /godkänd/.test(m.subject));
  assert.equal((await app.db.select().from(organisations).where(eq(organisations.id, org.id)))[0].isNeedOwner, true);
  assert.equal((await client.get('/challenges/new')).statusCode, 200, 'members of an approved need owner write challenges');
  const duplicate = await client.post('/organisations/apply', {
    name: 'Samma igen',
    type: 'company',
    orgNumber: '556677 8899',
    website: '',
    motivation: 'Vi vill också vara med och publicera.',
  });
  assert.equal(duplicate.statusCode, 400);
  assert.match(duplicate.body, /finns redan här/);
  assert.match((await organiser.get(`/organisations/${org.slug}`)).body, /godkände som behovsägare/);
});

test('owners invite by e-mail, the invitee joins through the link, owners remove members but never the last owner', async (t) => {
  const app = await build(t, withMail);
  const org = await anOrganisation(app);
  const owner = await aMember(app, org.id, 'owner');
  const editor = await aMember(app, org.id, 'editor');
  const ownerClient = await signedIn(app, owner);
  const editorClient = await signedIn(app, editor);

  await editorClient.get(`/organisations/${org.slug}/members`);
  assert.equal(
    (await editorClient.post(`/organisations/${org.slug}/members/invite`, { email: 'x@example.org', role: 'editor' })).statusCode,
    403,
    'editors do not invite',
  );

  await ownerClient.get(`/organisations/${org.slug}/members`);
  const bad = await ownerClient.post(`/organisations/${org.slug}/members/invite`, { email: 'not-an-address', role: 'boss' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#f-email"/);
  assert.match(bad.body, /href="#f-role"/);
  const invitee = await aUser(app);
  assert.equal((await ownerClient.post(`/organisations/${org.slug}/members/invite`, { email: invitee.email, role: 'editor' })).statusCode, 303);
  const invitation = await mail.waitFor((m) => m.to === invitee.email && /inbjuden/.test(m.subject));
  const link = new URL(linkIn(invitation.text, '/invitations/'));

  assert.equal((await new Client(app).get(link.pathname)).statusCode, 303, 'sign in first');
  const inviteeClient = await signedIn(app, invitee);
  const page = await inviteeClient.get(link.pathname);
  assert.equal(page.statusCode, 200);
  assert.equal((await inviteeClient.post(link.pathname)).statusCode, 303);
  assert.equal((await inviteeClient.post(link.pathname)).statusCode, 404, 'an invitation works once');
  const [membership] = await app.db.select().from(memberships).where(eq(memberships.userId, invitee.id));
  assert.equal(membership.role, 'editor');

  await ownerClient.get(`/organisations/${org.slug}/members`);
  // Removing is asked first; the bare POST only leads to the question.
  assert.match((await ownerClient.get(`/organisations/${org.slug}/members/${invitee.id}/remove`)).body, /mister tillgången till/);
  assert.equal(
    (await ownerClient.post(`/organisations/${org.slug}/members/${invitee.id}/remove`)).headers.location,
    `/organisations/${org.slug}/members/${invitee.id}/remove`,
  );
  assert.equal((await app.db.select().from(memberships).where(eq(memberships.userId, invitee.id))).length, 1);
  assert.equal((await ownerClient.post(`/organisations/${org.slug}/members/${invitee.id}/remove`, { confirm: 'yes' })).statusCode, 303);
  const last = await ownerClient.post(`/organisations/${org.slug}/members/${owner.id}/remove`, { confirm: 'yes' });
  assert.equal(last.statusCode, 409);
  assert.match(last.body, /minst en ägare/);
  assert.equal((await app.db.select().from(memberships).where(eq(memberships.organisationId, org.id))).length, 2);
});
