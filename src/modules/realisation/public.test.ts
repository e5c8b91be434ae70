import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { build, Client, type TestApp } from '../../test/app.ts';
import { aChallenge, aMember, aNeedOwner, aUser, signedIn } from '../../test/factories.ts';
import {
  awards,
  challengeAdoptions,
  datasets,
  eventPhases,
  events,
  juries,
  juryRoundEntries,
  juryRounds,
  realisationUpdates,
  solutionInterests,
  submissionDatasets,
  submissions,
  submissionVersions,
  teamMembers,
  teams,
  type RealisationStage,
} from '../../db/schema/index.ts';
import { emptyContent } from '../proposals/schema.ts';
import { postUpdate } from './commands/post-update.ts';
import { confirmUpdate } from './commands/confirm-update.ts';
import type { UpdateInput } from './schema.ts';
import { roadStages } from './rules.ts';

type EventSpec = { status?: 'published' | 'draft'; gallery: boolean; results: boolean; year: number };
/** A step of a solution's history: who writes (the team or an owner organisation), what; `confirm` by the challenge's owner. */
type Step = {
  by: 'team' | 'owner' | 'adopter';
  stage?: RealisationStage;
  textSv?: string;
  textEn?: string;
  route?: UpdateInput['route'];
  reference?: string;
  reason?: string;
  links?: string[];
  confirm?: boolean;
};
type Spec = {
  key: string;
  title: string;
  event: string;
  challenge?: 'transport' | 'health';
  finalist?: boolean;
  award?: string;
  dataset?: boolean;
  takenForward?: boolean;
  steps?: Step[];
};

const input = (s: Step): UpdateInput => ({
  stage: s.stage ?? null,
  textSv: s.textSv ?? '',
  textEn: s.textEn ?? '',
  links: s.links ?? [],
  evidenceKind: null,
  evidenceUrl: '',
  route: s.route ?? null,
  reference: s.reference ?? '',
  reason: s.reason ?? '',
});

/** Events in two years, solutions at every stage, and solutions that must never show (unpublished, or not finalists). */
const eventSpecs: Record<string, EventSpec> = {
  e2024: { gallery: true, results: true, year: 2024 },
  e2025: { gallery: true, results: false, year: 2025 },
  finalOnly: { gallery: false, results: true, year: 2025 },
  hidden: { gallery: false, results: false, year: 2025 },
  draft: { status: 'draft', gallery: true, results: true, year: 2025 },
};
const specs: Spec[] = [
  {
    key: 'operation',
    title: 'Badkollen',
    event: 'e2024',
    challenge: 'transport',
    finalist: true,
    award: 'Bästa lösning',
    dataset: true,
    takenForward: true,
    steps: [
      { by: 'team', stage: 'prototype', textSv: 'Vi har en prototyp.', confirm: true },
      { by: 'owner', stage: 'pilot', textSv: 'Pilot i två kommuner.', route: 'innovation_procurement', reference: 'SÖ-2026-114' },
      { by: 'owner', textSv: 'Bara en nyhet.', links: ['https://example.se/nyhet'] },
      { by: 'team', stage: 'operation', textEn: 'Now in operation.' },
    ],
  },
  {
    key: 'stopped',
    title: 'Cykelkollen',
    event: 'e2024',
    challenge: 'health',
    steps: [
      { by: 'team', stage: 'prototype', textSv: 'Prototyp.' },
      { by: 'team', stage: 'stopped', textSv: 'Slut.', reason: 'Ingen budget.' },
    ],
  },
  { key: 'formula', title: '=HYPERLINK("http://evil.example")', event: 'e2024' },
  {
    key: 'paused',
    title: 'Vägkollen',
    event: 'e2025',
    challenge: 'transport',
    steps: [
      { by: 'adopter', stage: 'pilot', textSv: 'Pilot.', route: 'in_house' },
      { by: 'adopter', stage: 'paused', textSv: 'Paus.', reason: 'Vi väntar på beslut.' },
    ],
  },
  {
    key: 'hostile',
    title: 'Skolkollen',
    event: 'e2025',
    steps: [
      { by: 'team', stage: 'prototype', textSv: 'Farligt <script>alert(1)</script>', textEn: 'Prototype ready.', reference: '' },
      { by: 'team', textEn: 'Only in English.' },
      { by: 'team', textSv: 'Bara på svenska.' },
    ],
  },
  // A finalist of an event whose results are not out: a solution, but not yet a finalist in public.
  { key: 'earlyFinalist', title: 'Tidigkollen', event: 'e2025', finalist: true },
  { key: 'finalOnly', title: 'Finalkollen', event: 'finalOnly', finalist: true, dataset: true },
  { key: 'notFinalist', title: 'Hemligkollen', event: 'finalOnly', challenge: 'transport', steps: [{ by: 'team', stage: 'prototype', textSv: 'Syns inte.' }] },
  { key: 'hidden', title: 'Doldakollen', event: 'hidden', challenge: 'transport', steps: [{ by: 'team', stage: 'operation', textSv: 'Syns inte.' }] },
  {
    key: 'draft',
    title: 'Utkastkollen',
    event: 'draft',
    challenge: 'transport',
    finalist: true,
    steps: [{ by: 'team', stage: 'pilot', textSv: 'Syns inte.', route: 'other' }],
  },
];
const publicKeys = ['operation', 'stopped', 'formula', 'paused', 'hostile', 'earlyFinalist', 'finalOnly'];
const secretKeys = ['notFinalist', 'hidden', 'draft'];

async function seedWorld(app: TestApp) {
  const owner = await aNeedOwner(app, { name: 'Södertälje kommun' });
  const adopter = await aNeedOwner(app, { name: 'Nykvarns kommun' });
  const taker = await aNeedOwner(app, { name: 'Trafikverket' });
  const ownerMember = await aMember(app, owner.id, 'editor');
  const adopterMember = await aMember(app, adopter.id, 'editor');
  const challengeOf = {
    transport: await aChallenge(app, owner, ownerMember.id, { titleSv: 'Trygga resor', themes: ['TRAN'] }),
    health: await aChallenge(app, owner, ownerMember.id, { titleSv: 'Friska barn', themes: ['HEAL'] }),
  };
  await app.db.insert(challengeAdoptions).values({ challengeId: challengeOf.transport.id, organisationId: adopter.id });
  const [dataset] = await app.db
    .insert(datasets)
    .values({ organisationId: owner.id, key: `bad-${crypto.randomUUID()}`, iri: `http://example.se/${crypto.randomUUID()}`, titleSv: 'Badplatser' })
    .returning();
  const eventOf: Record<string, typeof events.$inferSelect> = {};
  for (const [key, e] of Object.entries(eventSpecs)) {
    const [row] = await app.db
      .insert(events)
      .values({
        slug: `${key.toLowerCase()}-${crypto.randomBytes(3).toString('hex')}`,
        kind: 'hackathon',
        status: e.status ?? 'published',
        titleSv: `Hackathon ${key}`,
        titleEn: `Hackathon ${key} (en)`,
        galleryPublished: e.gallery,
        resultsPublished: e.results,
        resultsPublishedAt: e.results ? new Date() : null,
      })
      .returning();
    // Registration opens the year before: the event's year is its hacking's.
    await app.db.insert(eventPhases).values([
      { eventId: row.id, kind: 'registration', startsAt: new Date(`${e.year - 1}-12-01T10:00:00Z`), endsAt: new Date(`${e.year}-03-01T10:00:00Z`) },
      { eventId: row.id, kind: 'hacking', startsAt: new Date(`${e.year}-03-10T10:00:00Z`), endsAt: new Date(`${e.year}-03-12T10:00:00Z`) },
    ]);
    const [jury] = await app.db.insert(juries).values({ eventId: row.id, name: 'Juryn' }).returning();
    await app.db.insert(juryRounds).values({ juryId: jury.id, kind: 'final' });
    eventOf[key] = row;
  }
  const team = await aUser(app);
  const ids: Record<string, string> = {};
  const updates: Record<string, string[]> = {};
  for (const s of specs) {
    const event = eventOf[s.event];
    const challengeId = s.challenge ? challengeOf[s.challenge].id : null;
    const [t] = await app.db
      .insert(teams)
      .values({ eventId: event.id, challengeId, name: `Team ${s.title}`, inviteToken: crypto.randomUUID() })
      .returning();
    // One person leads every team here (one team per event each): their standing is checked per solution.
    if (s.key === 'operation') await app.db.insert(teamMembers).values({ teamId: t.id, eventId: event.id, userId: team.id, isLeader: true });
    const content = { ...emptyContent(), title: s.title, pitch: `Pitch för ${s.title}.`, datasetIds: s.dataset ? [dataset.id] : [] };
    const [row] = await app.db
      .insert(submissions)
      .values({
        eventId: event.id,
        teamId: t.id,
        challengeId,
        status: 'submitted',
        title: s.title,
        pitch: content.pitch,
        content,
        submittedVersion: 1,
        submittedAt: new Date(),
      })
      .returning();
    await app.db.insert(submissionVersions).values({ submissionId: row.id, version: 1, content });
    if (s.dataset) await app.db.insert(submissionDatasets).values({ submissionId: row.id, datasetId: dataset.id });
    if (s.finalist) {
      const [round] = await app.db
        .select({ id: juryRounds.id })
        .from(juryRounds)
        .innerJoin(juries, eq(juries.id, juryRounds.juryId))
        .where(eq(juries.eventId, event.id));
      await app.db.insert(juryRoundEntries).values({ roundId: round.id, submissionId: row.id });
    }
    if (s.award) await app.db.insert(awards).values({ eventId: event.id, submissionId: row.id, name: s.award, amountSek: 50000, sponsor: 'Digg' });
    if (s.takenForward)
      await app.db
        .insert(solutionInterests)
        .values({ submissionId: row.id, organisationId: taker.id, message: 'Vi vill ta den vidare.', status: 'accepted', decidedAt: new Date() });
    ids[s.key] = row.id;
    updates[s.key] = [];
    const solution = { id: row.id, title: s.title, challengeId };
    for (const step of s.steps ?? []) {
      const organisationId = step.by === 'team' ? null : step.by === 'owner' ? owner.id : adopter.id;
      const actorId = step.by === 'team' ? team.id : step.by === 'owner' ? ownerMember.id : adopterMember.id;
      const update = await postUpdate(app, { actorId, organisationId, solution }, input(step));
      if (step.confirm) assert.equal(await confirmUpdate(app, { actorId: ownerMember.id, organisationId: owner.id, solution }, update.id), 'confirmed');
      updates[s.key].push(update.id);
    }
  }
  return { owner, adopter, taker, ownerMember, adopterMember, team, challengeOf, dataset, eventOf, ids, updates };
}

/**
 * The funnel as this test understands it, worked out from the plan (not from the database): a solution counts at a
 * road stage when the last road stage its history set is that far or further; jury steps only where results are out.
 */
function expectedFunnel(keys: string[]) {
  const chosen = specs.filter((s) => keys.includes(s.key));
  const reachedOf = (s: Spec) => {
    const road = (s.steps ?? []).filter((x) => x.stage && (roadStages as readonly string[]).includes(x.stage));
    const last = road.at(-1);
    return { stage: last?.stage ?? 'idea', confirmed: last ? last.by !== 'team' || Boolean(last.confirm) : true };
  };
  const at = (stage: string) => chosen.filter((s) => roadStages.indexOf(reachedOf(s).stage as never) >= roadStages.indexOf(stage as never));
  const current = (s: Spec) => [...(s.steps ?? [])].reverse().find((x) => x.stage)?.stage ?? 'idea';
  const road = ['prototype', 'pilot', 'procurement', 'operation'];
  const counts: Record<string, number> = {
    submitted: chosen.length,
    finalist: chosen.filter((s) => s.finalist && eventSpecs[s.event].results).length,
    awarded: chosen.filter((s) => s.award && eventSpecs[s.event].results).length,
    ...Object.fromEntries(road.map((st) => [st, at(st).length])),
  };
  return {
    counts,
    confirmed: Object.fromEntries(road.map((st) => [st, at(st).filter((s) => reachedOf(s).confirmed).length])),
    paused: chosen.filter((s) => current(s) === 'paused').length,
    stopped: chosen.filter((s) => current(s) === 'stopped').length,
  };
}

const stepLabels = {
  submitted: 'Inlämnade',
  finalist: 'Finalister',
  awarded: 'Prisbelönta',
  prototype: 'Prototyp',
  pilot: 'Pilot',
  procurement: 'Upphandling',
  operation: 'I drift',
};
/** Reads the funnel table of /realised: each step's count and confirmed count. */
function funnelOf(html: string) {
  const table = /<table class="funnel">([\s\S]*?)<\/table>/.exec(html)![1];
  return Object.fromEntries(
    Object.entries(stepLabels).map(([step, label]) => {
      const row = new RegExp(`<th scope="row">${label}</th><td>.*?</svg> (\\d+)</td><td>\\d+ %</td><td>(\\d*)</td>`).exec(table);
      assert.ok(row, `funnel row ${label}`);
      return [step, { n: Number(row[1]), confirmed: row[2] === '' ? null : Number(row[2]) }];
    }),
  );
}

test('realisation in public: funnel, filters, solution pages, open data and the API agree, and nothing unpublished leaks', async (t) => {
  const app = await build(t);
  const w = await seedWorld(app);
  const visitor = new Client(app);

  await t.test('the funnel counts what the plan says, overall, per year and per event', async () => {
    const page = await visitor.get('/realised');
    assert.equal(page.statusCode, 200);
    const expected = expectedFunnel(publicKeys);
    const got = funnelOf(page.body);
    for (const step of Object.keys(stepLabels)) assert.equal(got[step].n, expected.counts[step], `overall ${step}`);
    for (const step of ['prototype', 'pilot', 'procurement', 'operation']) assert.equal(got[step].confirmed, expected.confirmed[step], `confirmed ${step}`);
    assert.deepEqual(
      expected.counts,
      { submitted: 7, finalist: 2, awarded: 1, prototype: 4, pilot: 2, procurement: 1, operation: 1 },
      'the plan, worked out by hand',
    );
    assert.match(page.body, new RegExp(`Pausade: ${expected.paused}\\. Avslutade: ${expected.stopped}\\.`));

    const year = funnelOf((await visitor.get('/realised?year=2025')).body);
    const in2025 = expectedFunnel(publicKeys.filter((k) => eventSpecs[specs.find((s) => s.key === k)!.event].year === 2025));
    for (const step of Object.keys(stepLabels)) assert.equal(year[step].n, in2025.counts[step], `2025 ${step}`);
    const one = await visitor.get(`/realised?event=${w.eventOf.e2024.slug}`);
    const e2024 = expectedFunnel(publicKeys.filter((k) => specs.find((s) => s.key === k)!.event === 'e2024'));
    for (const step of Object.keys(stepLabels)) assert.equal(funnelOf(one.body)[step].n, e2024.counts[step], `event ${step}`);
    assert.match(one.body, /<caption>Lösningar per steg: Hackathon e2024<\/caption>/);

    // Below: the solutions that left the idea, furthest first, with challenge, owners, datasets and jury result.
    const order = ['Badkollen', 'Skolkollen', 'Vägkollen', 'Cykelkollen'];
    const positions = order.map((title) => page.body.indexOf(`>${title}</a>`));
    assert.ok(
      positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1])),
      `order ${positions}`,
    );
    assert.match(page.body, /4 lösningar har lämnat idéstadiet/);
    assert.match(page.body, /Nykvarns kommun<\/a><span class="meta"> \(antog utmaningen\)/);
    assert.match(page.body, /Trafikverket<\/a><span class="meta"> \(tar lösningen vidare\)/);
    assert.match(page.body, new RegExp(`href="/datasets/${w.dataset.id}">Badplatser`));
    assert.match(page.body, /Finalist · Bästa lösning \(sponsrat av Digg\)/);
    for (const key of secretKeys) assert.doesNotMatch(page.body, new RegExp(specs.find((s) => s.key === key)!.title));
    assert.match((await new Client(app).get('/realised?lang=en')).body, /From idea to operation/);
  });

  await t.test(
    'the gallery lists exactly the solutions, with their stage, and filters by theme, challenge, dataset, stage, award, event and year',
    async () => {
      const titles = async (query: string) => {
        const body = (await visitor.get(`/solutions${query}`)).body;
        return [...body.matchAll(/<h3><a href="\/solutions\/[0-9a-f-]{36}">([^<]+)<\/a><\/h3>/g)].map((m) => m[1].replace(/&quot;/g, '"')).sort();
      };
      const titleOf = (keys: string[]) =>
        specs
          .filter((s) => keys.includes(s.key))
          .map((s) => s.title)
          .sort();
      assert.deepEqual(await titles(''), titleOf(publicKeys));
      assert.deepEqual(await titles('?theme=TRAN'), titleOf(['operation', 'paused']));
      assert.deepEqual(await titles(`?challenge=${w.challengeOf.health.id}`), titleOf(['stopped']));
      assert.deepEqual(await titles(`?dataset=${w.dataset.id}`), titleOf(['operation', 'finalOnly']));
      assert.deepEqual(await titles('?stage=operation'), titleOf(['operation']));
      assert.deepEqual(await titles('?stage=idea'), titleOf(['formula', 'earlyFinalist', 'finalOnly']));
      assert.deepEqual(await titles('?award=yes'), titleOf(['operation']));
      assert.deepEqual(await titles('?award=finalist'), titleOf(['operation', 'finalOnly']), 'a finalist counts once results are out');
      assert.deepEqual(await titles(`?event=${w.eventOf.e2025.slug}`), titleOf(['paused', 'hostile', 'earlyFinalist']));
      assert.deepEqual(await titles('?year=2024'), titleOf(['operation', 'stopped', 'formula']));
      assert.deepEqual(await titles('?theme=TRAN&year=2025'), titleOf(['paused']));
      // Unknown values are ignored, as the challenge list does.
      assert.deepEqual(await titles('?stage=launched&year=soon&theme=XXXX&event=Nope!&award=maybe'), titleOf(publicKeys));
      const list = (await visitor.get('/solutions?stage=operation')).body;
      assert.match(list, /Skede: <span class="stage stage-operation"><strong>I drift<\/strong><span class="stage-claim"> \(rapporterat av teamet\)<\/span>/);
      // Pages that count or link solutions follow the same rule: a finalist of published results is one.
      assert.match((await visitor.get(`/datasets/${w.dataset.id}`)).body, /Använd i 2 publicerade lösningar/);
      assert.match(
        (await visitor.get(`/events/${w.eventOf.finalOnly.slug}/results`)).body,
        new RegExp(`<a href="/solutions/${w.ids.finalOnly}">Finalkollen</a>`),
      );
      // An event's own gallery still waits for the organiser, even with a finalist out.
      assert.match((await visitor.get(`/events/${w.eventOf.finalOnly.slug}/solutions`)).body, /Galleriet publiceras när arrangören öppnar det/);
    },
  );

  await t.test('a solution page shows owners, the jury result, and the timeline with who, what, route, reference and confirmation', async () => {
    const body = (await visitor.get(`/solutions/${w.ids.operation}`)).body;
    const [prototype, pilot, news, operation] = w.updates.operation;
    const positions = [prototype, pilot, news, operation].map((id) => body.indexOf(`id="update-${id}"`));
    assert.ok(
      positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1])),
      'every update, oldest first',
    );
    const entry = (id: string) => body.slice(body.indexOf(`id="update-${id}"`), body.indexOf('</li>', body.indexOf(`id="update-${id}"`)));
    assert.match(entry(prototype), /Teamet Team Badkollen/);
    assert.match(entry(prototype), /Bekräftat av Södertälje kommun den /);
    assert.match(entry(pilot), /<a href="\/organisations\/[^"]+">Södertälje kommun<\/a>/);
    assert.match(entry(pilot), /<dt>Genomförs som<\/dt><dd>Innovationsupphandling<\/dd><dt>Referens<\/dt><dd>SÖ-2026-114<\/dd>/);
    assert.match(entry(news), /href="https:\/\/example.se\/nyhet" rel="nofollow noopener"/);
    assert.doesNotMatch(entry(news), /Bekräftat|Rapporterat/, 'news claims no stage');
    assert.match(entry(operation), /Nytt skede: I drift/);
    assert.match(entry(operation), /<p class="pre-line" lang="en">Now in operation.<\/p>/, 'English text on a Swedish page says so');
    assert.match(entry(operation), /Rapporterat av teamet, ännu inte bekräftat/);
    assert.match(body, /<dt>Juryns resultat<\/dt><dd>Finalist · Bästa lösning \(sponsrat av Digg\)<\/dd>/);
    for (const name of ['Södertälje kommun', 'Nykvarns kommun', 'Trafikverket']) assert.match(body, new RegExp(`>${name}</a>`));
    assert.match(body, new RegExp(`href="/datasets/${w.dataset.id}"`));
    assert.doesNotMatch(body, /Lägg till en uppdatering|\/confirm"/, 'a visitor may not act');
    const stopped = (await visitor.get(`/solutions/${w.ids.stopped}`)).body;
    assert.match(stopped, /<dt>Skäl<\/dt><dd class="pre-line">Ingen budget.<\/dd>/);
    // Results not out: no jury result, though the solution is a finalist.
    assert.doesNotMatch((await visitor.get(`/solutions/${w.ids.earlyFinalist}`)).body, /Juryns resultat|Finalist/);
  });

  await t.test('hostile text is escaped, unsafe links are not links, and each text carries its language', async () => {
    const [hostileId] = w.updates.hostile;
    await app.db
      .update(realisationUpdates)
      .set({ links: ['javascript:alert(1)'], reference: '"><img src=x onerror=alert(1)>' })
      .where(eq(realisationUpdates.id, hostileId));
    const sv = (await visitor.get(`/solutions/${w.ids.hostile}`)).body;
    assert.match(sv, /Farligt &lt;script>alert\(1\)&lt;\/script>/);
    assert.doesNotMatch(sv, /<script>alert|<img src=x|href="javascript:/);
    assert.match(sv, /&quot;>&lt;img src=x onerror=alert\(1\)>/);
    assert.match(sv, /<p class="pre-line" lang="en">Only in English.<\/p>/);
    assert.match(sv, /<p class="pre-line">Bara på svenska.<\/p>/);
    const en = (await new Client(app).get(`/solutions/${w.ids.hostile}?lang=en`)).body;
    assert.match(en, /<p class="pre-line">Prototype ready.<\/p>/, 'the page’s language first');
    assert.match(en, /<p class="pre-line" lang="sv">Bara på svenska.<\/p>/);
    assert.match(en, /Reported by the team, not yet confirmed/);
  });

  await t.test('those who may act see how: the team adds updates, a need owner also confirms the team’s claims', async () => {
    const path = `/solutions/${w.ids.operation}`;
    const team = (await (await signedIn(app, w.team)).get(path)).body;
    assert.match(team, new RegExp(`href="${path}/updates/new"`));
    assert.doesNotMatch(team, /\/confirm"/, 'a team cannot confirm its own claim');
    const owner = (await (await signedIn(app, w.ownerMember)).get(path)).body;
    const operation = w.updates.operation[3];
    assert.match(
      owner,
      new RegExp(
        `<form method="post" action="${path}/updates/${operation}/confirm" class="inline-form"><input type="hidden" name="_csrf" value="[^"]+"/><input type="hidden" name="organisation" value="${w.owner.id}"/>`,
      ),
    );
    assert.match(owner, /Bekräfta skedet I drift/);
    assert.equal([...owner.matchAll(/\/confirm"/g)].length, 1, 'only the unconfirmed claim');
    const stranger = (await (await signedIn(app, await aMember(app, (await aNeedOwner(app)).id))).get(path)).body;
    assert.doesNotMatch(stranger, /Lägg till en uppdatering|\/confirm"/);
  });

  await t.test('challenge and organisation pages list their solutions’ stages; the challenge lists all its owners', async () => {
    const challenge = (await visitor.get(`/challenges/${w.challengeOf.transport.slug}`)).body;
    assert.match(
      challenge,
      /<h2 id="owners-heading">Ägare<\/h2><ul><li><a href="\/organisations\/[^"]+">Södertälje kommun<\/a> \(publicerade utmaningen\)<\/li><li><a href="\/organisations\/[^"]+">Nykvarns kommun<\/a> \(adopterade den /,
    );
    assert.match(challenge, new RegExp(`href="/solutions/${w.ids.operation}">Badkollen</a> – <span class="stage stage-operation">`));
    assert.match(challenge, new RegExp(`href="/solutions/${w.ids.paused}">Vägkollen</a> – <span class="stage stage-paused">`));
    const taker = (await visitor.get(`/organisations/${w.taker.slug}`)).body;
    assert.match(taker, /Lösningar och hur långt de har kommit/);
    assert.match(taker, new RegExp(`href="/solutions/${w.ids.operation}">Badkollen`));
    assert.doesNotMatch(taker, /Vägkollen/);
    const adopter = (await visitor.get(`/organisations/${w.adopter.slug}`)).body;
    for (const title of ['Badkollen', 'Vägkollen']) assert.match(adopter, new RegExp(`>${title}</a> – `));
    const owner = (await visitor.get(`/organisations/${w.owner.slug}`)).body;
    for (const page of [owner, adopter, challenge])
      for (const key of secretKeys) assert.doesNotMatch(page, new RegExp(specs.find((s) => s.key === key)!.title));
  });

  await t.test('open data and the API agree, and unpublished solutions are nowhere', async () => {
    const json = (await visitor.get('/open-data/realisation.json')).json() as Record<string, unknown>[];
    const csv = await visitor.get('/open-data/realisation.csv');
    const api = (await visitor.get('/api/v1/solutions?pageSize=100')).json();
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'id,title,event,eventTitle,year,challenge,needOwners,stage,confirmed,stageSince,awards,finalist,datasets,updates,url');
    const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id)).sort();
    const expected = publicKeys.map((k) => w.ids[k]).sort();
    assert.deepEqual(ids(json as { id: unknown }[]), expected);
    assert.deepEqual(
      lines
        .slice(1)
        .map((l) => l.slice(0, 36))
        .sort(),
      expected,
    );
    assert.deepEqual(ids(api.items), expected);
    assert.equal(api.total, publicKeys.length);

    const row = json.find((r) => r.id === w.ids.operation)!;
    assert.deepEqual(
      {
        year: row.year,
        stage: row.stage,
        confirmed: row.confirmed,
        needOwners: row.needOwners,
        awards: row.awards,
        finalist: row.finalist,
        datasets: row.datasets,
        updates: row.updates,
        challenge: row.challenge,
      },
      {
        year: 2024,
        stage: 'operation',
        confirmed: false,
        needOwners: ['Södertälje kommun', 'Nykvarns kommun', 'Trafikverket'],
        awards: ['Bästa lösning'],
        finalist: true,
        datasets: ['Badplatser'],
        updates: 4,
        challenge: 'Trygga resor',
      },
    );
    const line = lines.find((l) => l.startsWith(w.ids.operation))!;
    assert.ok(
      line.includes(',2024,Trygga resor,"Södertälje kommun; Nykvarns kommun; Trafikverket",operation,false,'),
      line + ' (a cell with a semicolon is quoted, for Excel in Swedish)',
    );
    assert.ok(line.endsWith(`,Bästa lösning,true,Badplatser,4,${app.config.publicUrl}/solutions/${w.ids.operation}`), line);
    assert.ok(
      lines.some((l) => l.startsWith(`${w.ids.formula},"'=HYPERLINK(""http://evil.example"")"`)),
      'a formula is defused',
    );
    const item = api.items.find((i: { id: string }) => i.id === w.ids.operation);
    assert.deepEqual(
      [item.stage, item.confirmed, item.finalist, item.event.year, item.needOwners.map((o: { name: string }) => o.name)],
      [row.stage, row.confirmed, row.finalist, row.year, row.needOwners],
    );
    assert.equal(new Date(item.stageSince).toISOString(), row.stageSince);

    // One solution through the API: its need owners and whole timeline.
    const detail = (await visitor.get(`/api/v1/solutions/${w.ids.operation}`)).json();
    assert.deepEqual(
      detail.timeline.map((u: { id: string }) => u.id),
      w.updates.operation,
    );
    assert.deepEqual(
      detail.timeline.map((u: { by: { kind: string }; stage: string | null; confirmed: boolean | null }) => [u.by.kind, u.stage, u.confirmed]),
      [
        ['team', 'prototype', true],
        ['organisation', 'pilot', true],
        ['organisation', null, null],
        ['team', 'operation', false],
      ],
    );
    assert.deepEqual(
      [detail.timeline[1].route, detail.timeline[1].reference, detail.timeline[0].confirmedBy],
      ['innovation_procurement', 'SÖ-2026-114', 'Södertälje kommun'],
    );
    assert.deepEqual(
      detail.needOwners.map((o: { via: string }) => o.via),
      ['challenge', 'adoption', 'interest'],
    );
    assert.deepEqual(
      detail.datasets.map((d: { title: { sv: string } }) => d.title.sv),
      ['Badplatser'],
    );
    assert.equal((await visitor.get(`/api/v1/solutions?stage=stopped`)).json().items[0].id, w.ids.stopped);

    for (const key of secretKeys) {
      assert.equal((await visitor.get(`/solutions/${w.ids[key]}`)).statusCode, 404, key);
      const missing = await visitor.get(`/api/v1/solutions/${w.ids[key]}`);
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
      assert.ok(!csv.body.includes(w.ids[key]) && !JSON.stringify(json).includes(w.ids[key]), `${key} not in open data`);
    }
    assert.equal((await visitor.get('/api/v1/solutions/not-a-uuid')).json().error.code, 'not_found');
  });

  await t.test('the API refuses malformed queries in the error shape, and is in the OpenAPI document and the DCAT catalog', async () => {
    for (const query of ['page=abc', 'page=0', 'year=1800', 'pageSize=1000', `q=${'x'.repeat(201)}`]) {
      const res = await visitor.get(`/api/v1/solutions?${query}`);
      assert.equal(res.statusCode, 422, query);
      assert.equal(res.json().error.code, 'invalid_filter', query);
    }
    const paged = (await visitor.get('/api/v1/solutions?pageSize=2&page=2')).json();
    assert.deepEqual([paged.items.length, paged.page, paged.pageSize, paged.total], [2, 2, 2, publicKeys.length]);
    const openapi = (await visitor.get('/api/openapi.json')).json();
    assert.ok(openapi.paths['/api/v1/solutions']?.get, 'the list');
    assert.ok(openapi.paths['/api/v1/solutions/{id}']?.get, 'one solution');
    assert.ok(openapi.paths['/api/v1/solutions/{id}'].get.responses['200'].content['application/json'].schema.properties.timeline);
    const catalog = (await visitor.get('/datasets/dcat?format=turtle')).body;
    for (const part of ['open-data/realisation>', 'open-data/realisation.csv', 'open-data/realisation.json']) assert.ok(catalog.includes(part), part);
  });
});
