/**
 * Test fixture (run by lib/audit/trail.test.ts in child processes, not by the app): appends events to the
 * given SQLite file, so the test can check that several processes extend one chain.
 *
 *   tsx --conditions=react-server testing/audit-append-worker.ts <sqlitePath> <count> <label>
 */
import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { createDatabase } from '@/lib/db';

const [sqlitePath, count, label] = process.argv.slice(2);
const db = await createDatabase({ sqlitePath: sqlitePath! });
try {
  await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      recordAuditEvent({ action: 'auth.sign_in', actor: { id: null, email: `${label}@worker.test`, role: null }, detail: { i } }, db),
    ),
  );
} finally {
  await db.destroy();
}
