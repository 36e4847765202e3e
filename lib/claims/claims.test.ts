import { expect, it } from 'vitest';
import { SEED_CASES } from '@/sandbox/seed';
import type { CurrentUser } from '@/lib/auth/session';
import { describeEachDialect } from '@/testing/db';
import { claimDocument, findActiveClaim, releaseClaim, takeOverClaim } from './claims';

const reviewer: CurrentUser = { id: 'u-rita', email: 'rita@example.test', name: 'Rita Reviewer', role: 'reviewer' };
const admin: CurrentUser = { id: 'u-ada', email: 'ada@example.test', name: null, role: 'admin' };

await describeEachDialect('document claims', (database) => {
  it('a second reviewer sees the holder; takeover is explicit and audited; expiry frees it', async () => {
    const { db } = database();
    const { customerId, documentId } = SEED_CASES.failed;
    const now = new Date();
    expect((await claimDocument(db, reviewer, customerId, documentId, now)).ok).toBe(true);
    const second = await claimDocument(db, admin, customerId, documentId, now);
    expect(second).toMatchObject({ ok: false, heldBy: { userId: reviewer.id, userLabel: 'Rita Reviewer' } });
    await takeOverClaim(db, admin, customerId, documentId, now);
    expect(await claimDocument(db, reviewer, customerId, documentId, now)).toMatchObject({ ok: false, heldBy: { userId: admin.id, userLabel: admin.email } });
    const events = await db.selectFrom('audit_events').selectAll().where('action', '=', 'claim.taken_over').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_email).toBe(admin.email);
    expect(JSON.parse(events[0]!.before_json!)).toMatchObject({ claimedBy: reviewer.id });

    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await claimDocument(db, reviewer, customerId, documentId, later)).ok).toBe(true);

    // Released only by its holder.
    await releaseClaim(db, admin, customerId, documentId);
    expect(await findActiveClaim(db, customerId, documentId, later)).toMatchObject({ userId: reviewer.id });
    await releaseClaim(db, reviewer, customerId, documentId);
    expect(await findActiveClaim(db, customerId, documentId, later)).toBeUndefined();
  });

  it('re-opening within the renewal window keeps the claim; after it, the claim is renewed', async () => {
    const { db } = database();
    const { customerId, documentId } = SEED_CASES.lowConfidence;
    const opened = new Date('2031-01-01T10:00:00Z');
    const window = { renewedWithinMs: 60_000 };
    const first = await claimDocument(db, reviewer, customerId, documentId, opened, window);
    const stored = () => db.selectFrom('document_claims').select('expires_at').where('document_id', '=', documentId).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ ok: true, claim: { expiresAt: '2031-01-01T10:15:00.000Z' } });

    const soon = await claimDocument(db, reviewer, customerId, documentId, new Date(opened.getTime() + 30_000), window);
    expect(soon).toMatchObject({ ok: true, claim: { expiresAt: '2031-01-01T10:15:00.000Z' } });
    expect((await stored()).expires_at).toBe('2031-01-01T10:15:00.000Z');

    const after = await claimDocument(db, reviewer, customerId, documentId, new Date(opened.getTime() + 90_000), window);
    expect(after).toMatchObject({ ok: true, claim: { claimedAt: '2031-01-01T10:00:00.000Z', expiresAt: '2031-01-01T10:16:30.000Z' } });
    expect((await stored()).expires_at).toBe('2031-01-01T10:16:30.000Z');

    // Someone else's live claim is reported by the read alone, and left alone.
    const held = await claimDocument(db, admin, customerId, documentId, new Date(opened.getTime() + 100_000), window);
    expect(held).toMatchObject({ ok: false, heldBy: { userId: reviewer.id } });
  });

  it('reviewers opening a document at the same moment on several instances get exactly one winner', async () => {
    const { db } = database();
    const { customerId, documentId } = SEED_CASES.sunglasses;
    const instances = [db, await database().open(), await database().open()];
    const users = Array.from({ length: 9 }, (_, i) => ({ ...reviewer, id: `racer-${i}`, email: `racer-${i}@example.test`, name: `Racer ${i}` }));
    const now = new Date();
    const results = await Promise.all(users.map((u, i) => claimDocument(instances[i % instances.length]!, u, customerId, documentId, now)));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const holder = winners[0]!.ok ? winners[0]!.claim.userId : '';
    for (const r of results) if (!r.ok) expect(r.heldBy.userId).toBe(holder);
    expect(await findActiveClaim(db, customerId, documentId, now)).toMatchObject({ userId: holder });

    // Two takeovers at once: each one that stands is audited, and the claim is the last one's.
    const [x, y] = users.filter((u) => u.id !== holder) as [CurrentUser, CurrentUser];
    const takeovers = await Promise.all([
      takeOverClaim(instances[1]!, x, customerId, documentId, now),
      takeOverClaim(instances[2]!, y, customerId, documentId, now),
    ]);
    const stood = takeovers.flatMap((r) => (r.ok ? [r.claim.userId] : []));
    expect(stood.length).toBeGreaterThanOrEqual(1);
    const events = await db
      .selectFrom('audit_events')
      .select('actor_id')
      .where('action', '=', 'claim.taken_over')
      .where('document_id', '=', documentId)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.actor_id)).toHaveLength(stood.length);
    expect(await findActiveClaim(db, customerId, documentId, now)).toMatchObject({ userId: events.at(-1)!.actor_id });
  });
});
