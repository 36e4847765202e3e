// Lists from Artemis are read one record at a time: one record the console cannot read becomes
// an UnreadableRecord that says so, and the rest of the list is kept.
import type { z } from 'zod';
import { positiveId } from '../ids';
import { asRecord } from '../records';

/** Why an unreadable record has no usable id. */
export type UnreadableIdProblem = 'missing' | 'beyond-range' | 'invalid';

/**
 * A record in an Artemis list that the console cannot read. The rest of the list is kept; this
 * stands in for the record so that nobody mistakes its absence for "Artemis has no such record".
 */
export type UnreadableRecord = {
  readable: false;
  /** Position in the list as Artemis sent it (0-based). */
  index: number;
  /** The record's id, only when it is one the console can handle (a positive safe integer). */
  id?: number;
  /** Why `id` is absent. `beyond-range`: an integer past 2^53, which no index row can hold. */
  idProblem?: UnreadableIdProblem;
  /** A short text form of an unusable id; never for `beyond-range`, which JSON.parse already rounded. */
  idText?: string;
  /** The record's top-level fields that failed, by name (schema keys only); [] when it is not an object. */
  fields: string[];
  /** zod paths and codes, never values: "liveness.conclusion: invalid_type". */
  issues: string[];
};

export type ParsedList<T> = { records: T[]; unreadable: UnreadableRecord[] };

const MAX_ISSUES_PER_RECORD = 10;
const MAX_ID_TEXT = 32;

/** "path: code" for each issue: where and what kind, never the value. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`);
}

function idOf(item: unknown): Pick<UnreadableRecord, 'id' | 'idProblem' | 'idText'> {
  const raw = asRecord(item)?.id;
  if (raw === undefined || raw === null) return { idProblem: 'missing' };
  const id = positiveId.safeParse(raw);
  if (id.success) return { id: id.data };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > Number.MAX_SAFE_INTEGER) return { idProblem: 'beyond-range' };
  if (typeof raw === 'number' || typeof raw === 'string') return { idProblem: 'invalid', idText: String(raw).slice(0, MAX_ID_TEXT) };
  return { idProblem: 'invalid' };
}

/**
 * Parses each element of a list on its own: one record the console cannot read becomes an
 * UnreadableRecord instead of failing the whole list.
 */
export function parseEach<S extends z.ZodType>(schema: S, items: readonly unknown[]): ParsedList<z.output<S>> {
  const records: z.output<S>[] = [];
  const unreadable: UnreadableRecord[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      records.push(parsed.data);
      return;
    }
    const fields = [...new Set(parsed.error.issues.filter((i) => i.path.length > 0).map((i) => String(i.path[0])))];
    unreadable.push({
      readable: false,
      index,
      ...idOf(item),
      fields,
      issues: [...new Set(describeIssues(parsed.error.issues))].slice(0, MAX_ISSUES_PER_RECORD),
    });
  });
  return { records, unreadable };
}
