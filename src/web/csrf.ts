import type { FastifyRequest } from 'fastify';

/**
 * What a CSRF token is bound to: the signed-in person, or nobody. So a token made before sign-in (or for someone
 * else) does not pass once someone is signed in, even with the cookie it was made with.
 */
export const csrfUserInfo = (req: FastifyRequest): string => req.actor?.user?.id ?? 'nobody'; // never empty: @fastify/csrf refuses that
