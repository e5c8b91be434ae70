import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, Client } from '../../test/app.ts';
import { signedIn } from '../../test/factories.ts';
import { seedDemo } from '../../db/seed/demo.ts';

test('the start page leads: open challenges, next events, solutions on their way and data in use for everyone; a signed-in person sees their next steps first', async (t) => {
  const app = await build(t);
  assert.ok(await seedDemo(app));
  const anonymous = (await new Client(app).get('/')).body;
  const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
  assert.match(section(anonymous, 'home-challenges'), /<a href="\/challenges\/[^"]+">/, 'open challenges');
  assert.match(section(anonymous, 'home-events'), /<a href="\/events\/[^"]+">/, 'next events');
  assert.match(section(anonymous, 'home-realised'), /Akutkollen/, 'a solution on its way, from the demo');
  assert.match(section(anonymous, 'home-data'), /<a href="\/datasets\/[^"]+">[^]*\(\d+ lösning(ar)?\)/, 'data in use, with how many solutions');
  assert.match(anonymous, /href="\/signup">Var med i ett evenemang/);
  assert.doesNotMatch(anonymous, /id="home-next"/, 'no next steps without a person');

  // The demo participant leads a team in the running hackathon and has an invitation waiting.
  const participant = await signedIn(app, { email: 'participant@hack365.test', password: 'demo-participant-365' });
  const mine = (await participant.get('/')).body;
  const next = section(mine, 'home-next');
  assert.ok(mine.indexOf('id="home-next"') < mine.indexOf('id="home-challenges"'), 'next steps come first');
  assert.match(next, /laget Krisklara/);
  assert.match(next, /href="\/me#me-waiting">1 inbjudan väntar på svar/);
  const english = (await participant.get('/?lang=en')).body;
  assert.match(section(english, 'home-next'), /Your next steps/);
});
