import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDialect } from '@/testing/db';
import { takeLeaseRow, withLease } from './lease';

const at = (iso: string) => new Date(iso);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

await describeEachDialect('fleet lease', (database, kind) => {
  it('is held by one process at a time: another finds it held, runs nothing, and takes it once it is given back', async () => {
    const other = await database().open();
    let release!: () => void;
    const first = withLease(database().db, 'index-sync', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await sleep(50);
    let ran = false;
    const second = await withLease(other, 'index-sync', async () => {
      ran = true;
    });
    expect(second.taken).toBe(false);
    expect(ran).toBe(false);
    // Another lease name is not blocked by this one.
    expect((await withLease(other, 'another-job', async () => 'ok')).taken).toBe(true);
    release();
    expect(await first).toMatchObject({ taken: true, value: 'first' });
    expect(await withLease(other, 'index-sync', async () => 'third')).toMatchObject({ taken: true, value: 'third' });
  });

  if (kind === 'sqlite') {
    it('expires: a lease left by a dead process is free once its time has passed, not before', async () => {
      const db = database().db;
      expect((await takeLeaseRow(db, 'index-sync', 'dead', 60_000, at('2026-12-01T10:00:00.000Z'))).taken).toBe(true);
      expect(await takeLeaseRow(db, 'index-sync', 'b', 60_000, at('2026-12-01T10:00:59.999Z'))).toEqual({ taken: false, heldBy: 'dead' });
      expect((await takeLeaseRow(db, 'index-sync', 'b', 60_000, at('2026-12-01T10:01:00.000Z'))).taken).toBe(true);
    });

    it('does not expire while its holder is alive: the holder renews it', async () => {
      const other = await database().open();
      const long = withLease(database().db, 'index-sync', () => sleep(900), { ttlMs: 300 });
      await sleep(600);
      expect((await withLease(other, 'index-sync', async () => undefined, { ttlMs: 300 })).taken).toBe(false);
      await long;
      expect((await withLease(other, 'index-sync', async () => undefined, { ttlMs: 300 })).taken).toBe(true);
    });
  } else {
    it('expires: a lease held by a process whose connection died is free at once', async () => {
      const url = database().location.databaseUrl!;
      const dead = new pg.Client({ connectionString: url });
      await dead.connect();
      const { rows } = await dead.query<{ taken: boolean }>(
        `select pg_try_advisory_lock(hashtextextended(current_schema() || ':lease:index-sync', 0)) as taken`,
      );
      expect(rows[0]!.taken).toBe(true);
      expect((await withLease(database().db, 'index-sync', async () => undefined)).taken).toBe(false);
      await dead.end();
      expect((await withLease(database().db, 'index-sync', async () => 'after')).taken).toBe(true);
    });
  }
});
