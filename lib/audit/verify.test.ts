import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { appendMany, dropAppendOnlyTriggers, reviewer } from '@/testing/audit-event';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '@/testing/db';
import { advanceChainHead, computeEventHash, GENESIS_HASH, recordAuditEvent } from './trail';
import { verifyAuditChain } from './verify';

await describeEachDialect('audit chain verification', (database, kind) => {
  let t: TestDatabase;
  beforeEach(() => {
    t = database();
  });

  it('an empty trail verifies', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 0 });
  });

  it('the database refuses UPDATE and DELETE on audit_events', async () => {
    await appendMany(t.db, 2);
    await expect(sql`update audit_events set reason_text = 'changed'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = (select max(seq) from audit_events)`.execute(t.db)).rejects.toThrow(/append-only/);
    if (kind === 'postgres') {
      await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    }
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
  });

  it('detects an edited event', async () => {
    const events = await appendMany(t.db, 4);
    await dropAppendOnlyTriggers(t);
    await sql`update audit_events set reason_text = 'Nothing to see' where id = ${events[1]!.id}`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toEqual({
      ok: false,
      count: 1,
      brokenAt: { seq: events[1]!.seq, id: events[1]!.id, reason: expect.stringMatching(/altered/) },
    });
  });

  it('detects an edited JSON payload and an edited actor', async () => {
    const events = await appendMany(t.db, 3);
    await dropAppendOnlyTriggers(t);
    await sql`update audit_events set after_json = '{"facialCheck":true,"conclusion":true}' where id = ${events[2]!.id}`.execute(t.db);
    // Same JSON value, different text: still detected, the hash covers the stored text.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: { seq: events[2]!.seq } });

    const t2 = await createTestDatabase(kind);
    try {
      const more = await appendMany(t2.db, 3);
      await dropAppendOnlyTriggers(t2);
      await sql`update audit_events set actor_email = 'someone@else.test' where id = ${more[0]!.id}`.execute(t2.db);
      expect(await verifyAuditChain(t2.db)).toMatchObject({ ok: false, count: 0, brokenAt: { seq: more[0]!.seq } });
    } finally {
      await t2.cleanup();
    }
  });

  it('detects an edit whose hash was recomputed (the next link breaks)', async () => {
    const events = await appendMany(t.db, 3);
    await dropAppendOnlyTriggers(t);
    const { computeEventHash } = await import('./trail');
    const row = await t.db.selectFrom('audit_events').selectAll().where('id', '=', events[1]!.id).executeTakeFirstOrThrow();
    const forged = { ...row, reason_code: 'OTHER', customer_id: 101, document_id: 202 };
    await sql`update audit_events set reason_code = 'OTHER', hash = ${computeEventHash(forged)} where id = ${row.id}`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      count: 2,
      brokenAt: { seq: events[2]!.seq, id: events[2]!.id, reason: expect.stringMatching(/chain/) },
    });
  });

  it('detects a deleted event', async () => {
    const events = await appendMany(t.db, 4);
    await dropAppendOnlyTriggers(t);
    await sql`delete from audit_events where id = ${events[1]!.id}`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toEqual({
      ok: false,
      count: 1,
      brokenAt: { seq: events[2]!.seq, id: events[2]!.id, reason: expect.stringMatching(/deleted/) },
    });
  });

  it('detects a deleted first event', async () => {
    const events = await appendMany(t.db, 2);
    await dropAppendOnlyTriggers(t);
    await sql`delete from audit_events where id = ${events[0]!.id}`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, count: 0, brokenAt: { id: events[1]!.id } });
  });

  it('detects removal of the newest events through the chain head', async () => {
    const events = await appendMany(t.db, 4);
    await dropAppendOnlyTriggers(t);
    await sql`delete from audit_events where seq >= ${events[2]!.seq}`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toEqual({
      ok: false,
      count: 2,
      brokenAt: { seq: events[3]!.seq, id: events[3]!.id, reason: expect.stringMatching(/newest events are missing/) },
    });
  });

  it('the chain head only moves forward', async () => {
    await appendMany(t.db, 2);
    await expect(sql`update audit_chain_head set event_count = 1`.execute(t.db)).rejects.toThrow(/only moves forward/);
    await expect(sql`delete from audit_chain_head`.execute(t.db)).rejects.toThrow(/only moves forward/);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
  });

  it('detects reordered events', async () => {
    const events = await appendMany(t.db, 4);
    await dropAppendOnlyTriggers(t);
    const [a, b] = [events[1]!.seq, events[2]!.seq];
    await sql`update audit_events set seq = 100000 where seq = ${a}`.execute(t.db);
    await sql`update audit_events set seq = ${a} where seq = ${b}`.execute(t.db);
    await sql`update audit_events set seq = ${b} where seq = 100000`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toEqual({
      ok: false,
      count: 1,
      brokenAt: { seq: a, id: events[2]!.id, reason: expect.stringMatching(/chain/) },
    });
  });

  it('detects a chain whose times go backwards, even with every hash right', async () => {
    // Written past the application (which never dates an event before its predecessor).
    let prev = GENESIS_HASH;
    const ids: string[] = [];
    for (const [i, time] of ['2031-01-01T10:00:00.000Z', '2031-01-01T09:00:00.000Z'].entries()) {
      const content = {
        id: `forged-${i}`,
        occurred_at: time,
        action: 'override.attempted',
        actor_id: reviewer.id,
        actor_email: reviewer.email,
        actor_role: reviewer.role,
        customer_id: 101,
        document_id: 202,
        correlation_id: null,
        before_json: null,
        after_json: null,
        machine_json: null,
        reason_code: null,
        reason_text: null,
        thresholds_json: null,
        upstream_status: null,
        request_id: null,
        detail_json: null,
        prev_hash: prev,
      };
      const hash = computeEventHash(content);
      const { seq } = await t.db
        .insertInto('audit_events')
        .values({ ...content, hash })
        .returning('seq')
        .executeTakeFirstOrThrow();
      await advanceChainHead(t.db, { seq: Number(seq), id: content.id, hash }, 1);
      prev = hash;
      ids.push(content.id);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, count: 1, brokenAt: { id: ids[1], reason: expect.stringMatching(/dated before/) } });
  });

  it('verifies a chain longer than one read batch', async () => {
    const { writeTransaction } = await import('@/lib/db');
    await writeTransaction(t.db, async (trx) => {
      for (let i = 0; i < 1205; i++) await recordAuditEvent({ action: 'auth.sign_in', actor: reviewer, detail: { i } }, trx);
    });
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 1205 });
  });
});
