import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { after } from 'node:test';
import Provider from 'oidc-provider';
import { freePort, newPage, startApp } from './support/browser.ts';
import { SignInPage, SignUpPage } from './support/pages.ts';
import { startMailServer, linkIn } from '../src/test/mail-server.ts';
import { aUser } from '../src/test/factories.ts';

const mail = await startMailServer();

// A real OpenID Connect provider on 127.0.0.1, standing in for a Swedish e-ID broker.
const oidcPort = await freePort();
const issuer = `http://127.0.0.1:${oidcPort}`;
const { app, baseUrl } = await startApp({
  smtpUrl: mail.url,
  oidc: { issuer, clientId: 'hack365', clientSecret: 'a-long-client-secret-for-tests', name: 'Test-e-legitimation' },
});
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'hack365',
      client_secret: 'a-long-client-secret-for-tests',
      redirect_uris: [`${baseUrl}/auth/oidc/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: `${sub}@e-id.example`, email_verified: true, given_name: 'Eva', family_name: 'Eid' }),
  }),
  cookies: { keys: ['test-cookie-key-1234567890'] },
});
const oidcServer = http.createServer(provider.callback()).listen(oidcPort, '127.0.0.1');
after(() => new Promise<void>((resolve) => oidcServer.close(() => resolve())));
// Start mail delivery for this app (the helper builds it without jobs).
const { startJobs } = await import('../src/jobs/runner.ts');
const jobs = startJobs(app.db, app.config, app.log);
after(() => jobs.stop());

test('with JavaScript turned off: sign up, fix the errors from the summary, verify by mail, edit the profile, sign out', async () => {
  const { page } = await newPage({ javaScript: false });
  const signUp = await new SignUpPage(page, baseUrl).open();
  await signUp.fill({ name: 'Sara Svensson', email: 'sara@example.org', password: 'kort' });
  await signUp.submit();
  assert.match(await page.title(), /^Fel: /);
  const links = signUp.errorSummaryLinks();
  assert.deepEqual(await links.allInnerTexts(), ['Lösenord: Skriv minst 10 tecken', 'Godkännande: Du behöver kryssa i rutan för att fortsätta']);
  await links.first().click();
  await page.waitForURL(/#f-password$/); // the summary link jumps to the field
  assert.equal(await page.getByLabel(/^Namn/).inputValue(), 'Sara Svensson', 'values are kept');

  await signUp.fill({ password: 'en lång och bra lösenfras', consent: true });
  await signUp.submit();
  assert.match(await page.locator('h1').innerText(), /Kontrollera din e-post/);

  const received = await mail.waitFor((m) => m.to === 'sara@example.org');
  await page.goto(linkIn(received.text, '/verify-email'));
  assert.match(await page.locator('.notice').innerText(), /bekräftad/);

  await page.getByLabel('Designer').check();
  await page.getByLabel(/^Kompetenser/).fill('Tjänstedesign, Figma');
  await page.getByRole('button', { name: 'Spara profilen' }).click();
  assert.match(await page.locator('.notice').innerText(), /Profilen är sparad/);
  assert.equal(await page.getByLabel(/^Kompetenser/).inputValue(), 'Tjänstedesign, Figma');

  await page.getByRole('button', { name: 'Logga ut' }).click();
  assert.match(await page.locator('.notice').innerText(), /Du är utloggad/);
  await page.goto(`${baseUrl}/account`);
  assert.match(page.url(), /\/signin\?next=%2Faccount$/);
});

test('with JavaScript turned off: switch language, sign in and return to the page asked for', async () => {
  const user = await aUser(app);
  const { page } = await newPage({ javaScript: false });
  await page.goto(`${baseUrl}/privacy`);
  await page.getByRole('link', { name: 'In English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('h1').innerText(), /Personal data and cookies/);
  await page.goto(`${baseUrl}/account/export`).catch(() => {}); // not signed in: sent to sign-in
  const signIn = new SignInPage(page, baseUrl);
  await signIn.open('/account');
  await signIn.signIn(user.email, user.password);
  await page.waitForURL(`${baseUrl}/account`);
  assert.match(await page.locator('h1').innerText(), /My account/);
});

test('sign in with OpenID Connect: a new person consents, gets an account, and is recognised next time', async () => {
  const { page, context } = await newPage({ javaScript: true });
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('link', { name: 'Logga in med Test-e-legitimation' }).click();
  // oidc-provider's own development login and consent pages
  await page.locator('input[name=login]').fill('eva-1985');
  await page.locator('input[name=password]').fill('anything');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click(); // consent to the scopes
  await page.waitForURL(`${baseUrl}/auth/oidc/consent`);
  assert.match(await page.locator('main').innerText(), /Eva Eid \(eva-1985@e-id\.example\)/);

  await page.getByRole('button', { name: 'Skapa konto' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /kryssa i rutan/);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  assert.match(await page.locator('main').innerText(), /eva-1985@e-id\.example \(bekräftad\)/);
  assert.equal(await page.getByLabel(/^Namn/).inputValue(), 'Eva Eid');

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await context.clearCookies({ domain: '127.0.0.1' }).catch(() => context.clearCookies());
  await page.goto(`${baseUrl}/auth/oidc/start`);
  await page.locator('input[name=login]').fill('eva-1985');
  await page.locator('input[name=password]').fill('anything');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${baseUrl}/account`);
  assert.match(await page.locator('.notice').innerText(), /Du är inloggad/);
});

test('a forged OpenID Connect callback is refused', async () => {
  const { page } = await newPage();
  await page.goto(`${baseUrl}/auth/oidc/callback?code=stolen&state=guess`);
  assert.match(await page.locator('h1').innerText(), /Inloggningen misslyckades/);
});

test('with JavaScript turned off: a need owner writes a challenge, fixes an error, publishes it, and the public finds it by search', async () => {
  const { aMember, aNeedOwner } = await import('../src/test/factories.ts');
  const org = await aNeedOwner(app, { name: 'Testkommunen' });
  const editor = await aMember(app, org.id, 'owner');
  const { page, context } = await newPage({ javaScript: false });
  await new SignInPage(page, baseUrl).open('/challenges/new');
  await new SignInPage(page, baseUrl).signIn(editor.email, editor.password);
  await page.waitForURL(`${baseUrl}/challenges/new`);
  await page.getByLabel(/^Rubrik$/).fill('Färre olyckor med elsparkcyklar');
  await page.getByLabel(/^Sammanfattning$/).fill('Hur kan elsparkcyklar parkeras så att ingen snubblar?');
  await page.getByLabel(/^Problemet$/).fill('Felparkerade elsparkcyklar är ett hinder för personer med synnedsättning.');
  await page.getByLabel(/^Önskat resultat$/).fill('En tjänst som visar lämpliga parkeringsplatser.');
  await page.getByLabel('Transport').check();
  await page.getByLabel(/^Slutdatum/).fill('2027-05-01');
  await page.getByLabel(/^Startdatum/).fill('2027-06-01');
  await page.getByRole('button', { name: 'Spara' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /Slutdatum kan inte vara före startdatum/);
  assert.equal(await page.getByLabel(/^Rubrik$/).inputValue(), 'Färre olyckor med elsparkcyklar', 'values are kept');
  await page.getByLabel(/^Startdatum/).fill('2027-01-01');
  await page.getByRole('button', { name: 'Spara' }).click();
  assert.match(await page.locator('.notice').innerText(), /sparad som utkast/);
  await page.getByRole('button', { name: 'Publicera' }).click();
  assert.match(await page.locator('.notice').innerText(), /Statusen är ändrad/);

  await context.clearCookies();
  await page.goto(`${baseUrl}/challenges`);
  await page.getByLabel('Sökord').fill('elsparkcykel');
  await page.getByRole('button', { name: 'Sök' }).click();
  await page
    .getByRole('link', { name: /elsparkcyklar/ })
    .first()
    .click();
  assert.equal(await page.locator('h1').innerText(), 'Färre olyckor med elsparkcyklar');
});
