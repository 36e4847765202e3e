/**
 * Local account management (SPEC §5).
 *
 *   npm run users -- add <email> --role <reviewer|auditor|admin> [--name "<full name>"]
 *   npm run users -- disable <email>
 *   npm run users -- enable <email>
 *   npm run users -- set-role <email> <role>
 *   npm run users -- reset-password <email>
 *   npm run users -- reset-mfa <email>
 *   npm run users -- list
 *
 * Passwords come from NEW_USER_PASSWORD, or are asked for (hidden, twice) on a terminal.
 * Exit codes: 0 done, 1 failed (unknown email, duplicate, bad configuration…), 2 usage error.
 * Every change is also an audit event, committed together with the change.
 */
import 'server-only';
import os from 'node:os';
import type { AuditActor } from '@/lib/audit/trail';
import { closeDb, getDb } from '@/lib/db';
import { ConfigError, getEnv } from '@/lib/env';
import { addUser, changeUserRole, changeUserStatus, resetUserMfa, resetUserPassword } from '@/lib/users/admin';
import { retireDemoAccounts } from '@/lib/users/demo';
import { ROLES, isRole, type Role } from '@/lib/users/roles';
import { UserError, emailSchema, findUserByEmail, listUsers, passwordSchema, type PublicUser } from '@/lib/users/store';

const USAGE = `Usage:
  users add <email> --role <${ROLES.join('|')}> [--name "<full name>"]
  users disable <email>
  users enable <email>
  users set-role <email> <${ROLES.join('|')}>
  users reset-password <email>
  users reset-mfa <email>           removes every second factor; they set one up at the next sign-in
  users list

The password for add and reset-password is read from NEW_USER_PASSWORD, or asked for on a terminal.`;

/** An error with the exit code it should end the process with. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 130,
  ) {
    super(message);
  }
}
/** Exit 2. The full usage is shown only when the command line itself is malformed. */
const usageError = (message: string, showUsage = false) => new CliError(showUsage ? `${message}\n\n${USAGE}` : message, 2);
const failure = (message: string) => new CliError(message, 1);

type Parsed = { positionals: string[]; flags: Map<string, string> };

function parseArgs(argv: string[], knownFlags: readonly string[]): Parsed {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!knownFlags.includes(name)) throw usageError(`Unknown option --${name}`, true);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw usageError(`Option --${name} needs a value`, true);
    flags.set(name, value);
  }
  return { positionals, flags };
}

function expectPositionals(parsed: Parsed, names: string[]): string[] {
  if (parsed.positionals.length !== names.length) {
    throw usageError(
      parsed.positionals.length < names.length
        ? `Missing ${names
            .slice(parsed.positionals.length)
            .map((n) => `<${n}>`)
            .join(' ')}`
        : `Unexpected argument "${parsed.positionals[names.length]}"`,
      true,
    );
  }
  return parsed.positionals;
}

function parseEmail(value: string): string {
  const result = emailSchema.safeParse(value);
  if (!result.success) throw usageError(`"${value}" is not an email address`);
  return result.data;
}

function parseRole(value: string | undefined): Role {
  if (value === undefined) throw usageError(`Missing --role <${ROLES.join('|')}>`);
  if (!isRole(value)) throw usageError(`Unknown role "${value}": use one of ${ROLES.join(', ')}`);
  return value;
}

function checkPassword(password: string): string {
  const result = passwordSchema.safeParse(password);
  if (!result.success) throw usageError(`Password ${result.error.issues[0]!.message}`);
  return password;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('Cancelled', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readNewPassword(): Promise<string> {
  // The one environment variable read outside lib/env.ts: it is an input of this command only
  // (a secret for one account), not configuration of the application.
  const fromEnv = process.env.NEW_USER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return checkPassword(fromEnv);
  if (!process.stdin.isTTY) {
    throw usageError('No password given: set NEW_USER_PASSWORD, or run this command in a terminal to be asked for one');
  }
  const first = checkPassword(await promptHidden('New password (12–200 characters): '));
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw failure('The two passwords differ; nothing was changed');
  return first;
}

function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = os.userInfo().username || name;
  } catch {
    // No passwd entry for this uid (some containers): keep "unknown".
  }
  return { id: null, email: `cli:${name}`, role: null };
}

async function requireUser(email: string) {
  const user = await findUserByEmail(email, await getDb());
  if (!user) throw failure(`No user with email ${email}`);
  return user;
}

function formatTable(users: PublicUser[]): string {
  const header = ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'CREATED'];
  const rows = users.map((u) => [u.email, u.name ?? '', u.role, u.status, `${u.created_at.slice(0, 16).replace('T', ' ')}Z`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const actor = cliActor();

  switch (command) {
    case 'add': {
      const parsed = parseArgs(rest, ['role', 'name']);
      const [rawEmail] = expectPositionals(parsed, ['email']);
      const email = parseEmail(rawEmail!);
      const role = parseRole(parsed.flags.get('role'));
      const name = parsed.flags.get('name');
      const db = await getDb();
      if (await findUserByEmail(email, db)) throw failure(`A user with email ${email} already exists`);
      const password = await readNewPassword();
      const user = await addUser({ email, role, name, password }, { actor, source: 'cli', db });
      return `Created ${user.role} ${user.email}${user.name ? ` (${user.name})` : ''}`;
    }

    case 'disable':
    case 'enable': {
      const [rawEmail] = expectPositionals(parseArgs(rest, []), ['email']);
      const user = await requireUser(parseEmail(rawEmail!));
      const status = command === 'disable' ? 'disabled' : 'active';
      const changed = await changeUserStatus(user.id, status, { actor, source: 'cli' });
      if (!changed) return `${user.email} is already ${status}`;
      return command === 'disable' ? `Disabled ${user.email}; their sessions have ended` : `Enabled ${user.email}`;
    }

    case 'set-role': {
      const [rawEmail, rawRole] = expectPositionals(parseArgs(rest, []), ['email', 'role']);
      const email = parseEmail(rawEmail!);
      const role = parseRole(rawRole);
      const user = await requireUser(email);
      const changed = await changeUserRole(user.id, role, { actor, source: 'cli' });
      if (!changed) return `${user.email} is already ${role}`;
      return `${user.email} is now ${role} (was ${user.role})`;
    }

    case 'reset-password': {
      const [rawEmail] = expectPositionals(parseArgs(rest, []), ['email']);
      const user = await requireUser(parseEmail(rawEmail!));
      const password = await readNewPassword();
      await resetUserPassword(user.id, { password }, { actor, source: 'cli' });
      return `Password of ${user.email} reset; their sessions have ended`;
    }

    case 'reset-mfa': {
      const [rawEmail] = expectPositionals(parseArgs(rest, []), ['email']);
      const user = await requireUser(parseEmail(rawEmail!));
      const { removed } = await resetUserMfa(user.id, { actor, source: 'cli' });
      return `Two-factor of ${user.email} reset (${removed} factor${removed === 1 ? '' : 's'} removed); their sessions have ended`;
    }

    case 'list': {
      expectPositionals(parseArgs(rest, []), []);
      const users = await listUsers(await getDb());
      return users.length === 0 ? 'No users.' : formatTable(users);
    }

    case undefined:
      throw usageError('Missing command', true);
    case 'help':
    case '--help':
    case '-h':
      return USAGE;
    default:
      throw usageError(`Unknown command "${command}"`, true);
  }
}

async function main(): Promise<number> {
  try {
    if (!getEnv().demoMode) {
      // As at server start: with a real Artemis no demo account stays active (SPEC §4).
      const retired = await retireDemoAccounts();
      if (retired.length > 0) console.error(`Demo accounts disabled (ARTEMIS_API_URL is set): ${retired.join(', ')}`);
    }
    console.log(await run(process.argv.slice(2)));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    if (err instanceof UserError) {
      console.error(err.message);
      return err.code === 'invalid_input' ? 2 : 1;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    console.error(`Failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();
