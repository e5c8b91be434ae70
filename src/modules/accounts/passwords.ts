import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes) keeps sign-in fast enough under load while staying costly to crack.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

let dummyHash: Promise<string> | null = null;

/** Verifies a password; with no hash it still spends the same time, so unknown e-mail addresses cannot be told apart. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
