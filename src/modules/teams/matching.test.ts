// @database-independent
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Board, BoardSeeker, BoardTeam } from './board.ts';
import { seekersFor, teamsFor } from './matching.ts';

const team = (id: string, rolesWanted: string[], challengeId: string | null = null): BoardTeam => ({
  id,
  name: id,
  pitch: '',
  rolesWanted,
  challengeId,
  challengeSv: null,
  challengeEn: null,
  members: 1,
});
const seeker = (userId: string, roles: string[], languages: string[] = [], challengeId: string | null = null): BoardSeeker => ({
  userId,
  name: userId,
  roles,
  skills: [],
  languages,
  note: '',
  challengeId,
  challengeSv: null,
  challengeEn: null,
});

test('teams are ranked by roles that fit and a shared challenge; ties keep who came first; no reason, no suggestion', () => {
  const board: Board = {
    teams: [team('a', ['designer']), team('b', ['developer', 'designer'], 'c1'), team('c', ['designer']), team('d', ['lawyer'])],
    seekers: [],
  };
  const ranked = teamsFor(board, { roles: ['designer', 'developer'], languages: [], challengeId: 'c1' });
  assert.deepEqual(
    ranked.map((t) => t.id),
    ['b', 'a', 'c'],
  );
  assert.deepEqual(ranked[0].reasons, [{ kind: 'roles', roles: ['developer', 'designer'] }, { kind: 'challenge' }]);
  assert.deepEqual(
    teamsFor(board, { roles: ['designer'], languages: [], challengeId: null }, 1).map((t) => t.id),
    ['a'],
    'a null challenge is no match',
  );
});

test('people are ranked for what is wanted, a shared language breaks ties, and the one asking is left out', () => {
  const board: Board = {
    teams: [],
    seekers: [seeker('me', ['designer']), seeker('p1', ['developer']), seeker('p2', ['developer'], ['en']), seeker('p3', ['lawyer'], ['en'])],
  };
  const ranked = seekersFor(board, { roles: ['developer'], challengeId: null, languages: ['en'], excludeUser: 'me' });
  assert.deepEqual(
    ranked.map((s) => s.userId),
    ['p2', 'p1'],
  );
  assert.deepEqual(ranked[0].reasons, [
    { kind: 'roles', roles: ['developer'] },
    { kind: 'language', languages: ['en'] },
  ]);
});
