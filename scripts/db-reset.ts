/**
 * Tests only: empties the PostgreSQL schema that DATABASE_URL selects with `search_path`, so an
 * end-to-end run on PostgreSQL starts from nothing, like a fresh SQLite data folder.
 *
 *   DATABASE_URL='postgres://…/test?options=-c%20search_path%3De2e' npx tsx scripts/db-reset.ts
 *
 * Refuses a URL without a search_path, and the `public` schema: it must never wipe real data.
 */
import pg from 'pg';

function schemaOf(databaseUrl: string): string {
  const options = new URL(databaseUrl).searchParams.get('options') ?? '';
  const match = /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)(?:\s|$)/.exec(options);
  if (!match) throw new Error('DATABASE_URL must name a schema with options=-c search_path=<schema>');
  const schema = match[1]!;
  if (schema.toLowerCase() === 'public') throw new Error('refusing to reset the public schema');
  return schema;
}

async function main(): Promise<number> {
  // A test tool: it reads its own command-line environment, not the app's configuration.
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set: nothing to reset');
    return 1;
  }
  try {
    const schema = schemaOf(databaseUrl);
    const url = new URL(databaseUrl);
    url.searchParams.delete('options');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.query(`create schema "${schema}"`);
    } finally {
      await client.end();
    }
    console.log(`Reset PostgreSQL schema ${schema}`);
    return 0;
  } catch (err) {
    console.error(`Database reset failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main();
