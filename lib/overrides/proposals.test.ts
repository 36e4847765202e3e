import { expect, it } from 'vitest';
import { describeEachDialect } from '@/testing/db';
import { closeProposal, createProposal, findPendingProposal, PendingProposalExistsError } from './proposals';

const input = {
  customerId: 1003,
  documentId: 5005,
  proposer: { id: 'u-1', email: 'maker@example.test' },
  conclusion: true,
  facialCheck: true,
  reasonCode: 'FALSE_REJECT' as const,
  reasonText: 'Genuine customer; the machine rejected a live person.',
  seenVersion: 'v1',
  before: { conclusion: false, facialCheck: false },
};

await describeEachDialect('override proposals', (database) => {
  it('stores a proposal and finds it pending', async () => {
    const p = await createProposal(input, database().db);
    expect(p).toMatchObject({ status: 'pending', conclusion: true, facialCheck: true, before: { conclusion: false, facialCheck: false } });
    expect((await findPendingProposal(1003, 5005, database().db))?.id).toBe(p.id);
  });

  it('allows only one pending proposal per document', async () => {
    await createProposal(input, database().db);
    await expect(createProposal(input, database().db)).rejects.toBeInstanceOf(PendingProposalExistsError);
  });

  it('only the first decision wins', async () => {
    const p = await createProposal(input, database().db);
    const checker = { id: 'u-2', email: 'checker@example.test' };
    const [a, b] = await Promise.all([
      closeProposal(p.id, { status: 'approved', by: checker, reason: 'Looked at every frame.' }, database().db),
      closeProposal(p.id, { status: 'rejected', by: checker, reason: 'Not convinced.' }, database().db),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await findPendingProposal(1003, 5005, database().db)).toBeNull();
    // Once closed, a new proposal for the same document may be made.
    await expect(createProposal(input, database().db)).resolves.toMatchObject({ status: 'pending' });
  });
});
