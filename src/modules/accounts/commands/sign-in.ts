import type { Ctx } from '../../../context.ts';
import { verifyPassword } from '../passwords.ts';
import { findUserByEmail } from '../queries.ts';

/** Returns the user id when e-mail and password match; the same time is spent when the address is unknown. */
export async function checkPassword({ db }: Ctx, email: string, password: string): Promise<string | null> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user ? user.id : null;
}
