import { describe, expect, it } from 'vitest';
import type { UnreadableRecord } from '@/lib/artemis/records';
import { unreadableRecordId, unreadableRecordNote } from './unreadable';

const record = (r: Partial<UnreadableRecord>): UnreadableRecord => ({ readable: false, index: 0, fields: [], issues: [], ...r });

describe('unreadable record rows', () => {
  it('say in plain words what could not be read', () => {
    expect(unreadableRecordNote(record({ idProblem: 'beyond-range', fields: ['id'] }))).toBe(
      'This record from Artemis could not be read (id beyond the range the console can handle).',
    );
    expect(unreadableRecordNote(record({ id: 5, fields: ['updatedAt'] }))).toBe(
      'This record from Artemis could not be read (the field last updated date (updatedAt) is not in a form the console can read).',
    );
    expect(unreadableRecordNote(record({ idProblem: 'missing', fields: ['id', 'liveness', 'vendorThing'] }))).toBe(
      'This record from Artemis could not be read (it has no id; the fields liveness result (liveness) and vendorThing are not in a form the console can read).',
    );
    expect(unreadableRecordNote(record({ idProblem: 'missing' }))).toBe('This record from Artemis could not be read (it has no id).');
    expect(unreadableRecordNote(record({ id: 5 }))).toBe('This record from Artemis could not be read (it is not a record the console understands).');
  });

  it('show the id when usable, else its text form, else nothing', () => {
    expect(unreadableRecordId(record({ id: 42 }))).toBe('42');
    expect(unreadableRecordId(record({ idProblem: 'invalid', idText: 'abc' }))).toBe('abc');
    expect(unreadableRecordId(record({ idProblem: 'beyond-range' }))).toBeUndefined();
  });
});
