import { sql, type Kysely, type Migration } from 'kysely';

// Second factors (SPEC §13): each sign-in is a session row, pending until a second factor is
// verified where one is needed; an account's factors (authenticator apps and passkeys) and its
// single-use recovery codes, stored hashed.
export const sessionsAndFactors: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('password', 'oidc')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('client_address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('second_factor_at', 'text')
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('totp_enrolment', 'text')
      .addColumn('webauthn_challenge', 'text')
      .addColumn('webauthn_challenge_expires_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('mfa_factors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('totp', 'webauthn')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('last_step', 'bigint')
      .addColumn('credential_id', 'text', (c) => c.unique())
      .addColumn('public_key', 'text')
      .addColumn('counter', 'bigint')
      .addColumn('transports', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('mfa_factors_user_idx').on('mfa_factors').column('user_id').execute();

    await db.schema
      .createTable('mfa_recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addPrimaryKeyConstraint('mfa_recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
  },
};
