import crypto from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import { consents, users } from '../../../db/schema/index.ts';
import { hashPassword } from '../passwords.ts';
import { findUserByEmail, normaliseEmail } from '../queries.ts';
import { PRIVACY_NOTICE_VERSION } from '../schema.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  password?: string;
  organiser?: boolean;
}

/** Creates a verified account (operators, seed data). Returns the password, generated when none is given. */
export async function createUser({ db }: Ctx, input: CreateUserInput): Promise<{ id: string; password: string }> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new Error(`An account with ${email} exists already`);
  const password = input.password ?? crypto.randomBytes(12).toString('base64url');
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name, passwordHash: await hashPassword(password), emailVerifiedAt: new Date(), isOrganiser: input.organiser ?? false })
    .returning({ id: users.id });
  await db.insert(consents).values({ userId: user.id, kind: 'privacy_notice', version: PRIVACY_NOTICE_VERSION });
  return { id: user.id, password };
}
