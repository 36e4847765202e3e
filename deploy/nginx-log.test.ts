import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The compose recipe's proxy must not write the query string (customer names in a search) or the
// callback's secret path segment to its logs (SPEC §4: secrets never reach the logs).
const conf = readFileSync(path.join(import.meta.dirname, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');

describe('deploy/nginx.conf logging', () => {
  const formats = [...conf.matchAll(/log_format\s+(\S+)\s+((?:'[^']*'\s*)+);/g)].map(([, name, parts]) => ({ name: name!, text: parts! }));

  it('defines its own access log format, and every access log uses it', () => {
    expect(formats.map((f) => f.name)).toEqual(['console_safe']);
    const accessLogs = [...conf.matchAll(/access_log\s+([^;]+);/g)].map(([, args]) => args!.trim().split(/\s+/));
    expect(accessLogs.length).toBeGreaterThan(0);
    for (const args of accessLogs) expect(args[0] === 'off' || args[1] === 'console_safe', args.join(' ')).toBe(true);
  });

  it('logs neither the request line, the query string, the raw URI nor the Referer', () => {
    // `$request` is the whole request line; `$request_method` and the like are harmless.
    for (const variable of [/\$request(?![_a-z])/, /\$args\b/, /\$arg_\w/, /\$query_string\b/, /\$request_uri\b/, /\$http_referer\b/, /\$is_args\b/]) {
      expect(variable.test(formats[0]!.text), String(variable)).toBe(false);
    }
  });

  it('masks the callback secret in the path it logs', () => {
    expect(formats[0]!.text).toContain('$logged_path');
    expect(conf).toMatch(/map \$uri \$logged_path \{[^}]*~\^\/api\/artemis\/callback\/\s+\/api\/artemis\/callback\/\[secret\];[^}]*default \$uri;/);
  });

  it('keeps the error log from writing request lines', () => {
    expect(conf).toMatch(/error_log\s+\S+\s+crit;/);
  });
});
