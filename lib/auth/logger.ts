import type { NextAuthConfig } from 'next-auth';
import { logger } from '@/lib/log';

const EXPECTED = new Set(['CredentialsSignin', 'JWTSessionError']);

/**
 * A wrong password is an expected outcome (recorded in the audit trail), and so is a forged or
 * expired cookie (the visitor is simply signed out): one short line, no stack trace, and never
 * the token itself.
 */
export const authLogger: NonNullable<NextAuthConfig['logger']> = {
  error(error) {
    const type = (error as { type?: string }).type ?? error.name;
    if (type === 'CredentialsSignin') return;
    if (EXPECTED.has(type)) {
      logger('auth').warn({ type }, 'session cookie refused');
      return;
    }
    logger('auth').error({ type, error: error.message }, 'Auth.js error');
  },
};
