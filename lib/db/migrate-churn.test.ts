import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { createTestDatabase, testDialects } from '@/testing/db';

const postgres = (await testDialects()).find((d) => d.kind === 'postgres');

describe.skipIf(!postgres?.available)('migrations on a shared PostgreSQL database', () => {
  it('succeed while other schemas of the database come and go', async () => {
    const prefix = `churn_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        await client.query(`create schema ${prefix}_${i}; create table ${prefix}_${i}.t (id serial primary key)`);
        await client.query(`drop schema ${prefix}_${i} cascade`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      for (let round = 0; round < 6; round++) {
        const databases = await Promise.all(Array.from({ length: 4 }, () => createTestDatabase('postgres')));
        await Promise.all(databases.map((t) => t.cleanup()));
      }
    } finally {
      stop = true;
      await churn;
      await client.end();
    }
  }, 120_000);
});
