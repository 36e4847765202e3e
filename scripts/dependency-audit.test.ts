import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPins, judgeAudit } from './dependency-audit';

const report = (vulnerabilities: Record<string, number>) => JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities } });

describe('judgeAudit', () => {
  it('fails on high or critical findings only', () => {
    expect(judgeAudit(report({ info: 0, low: 2, moderate: 1, high: 0, critical: 0, total: 3 })).kind).toBe('ok');
    expect(judgeAudit(report({ low: 0, moderate: 0, high: 1, critical: 0, total: 1 }))).toEqual({
      kind: 'findings',
      message: 'npm audit: 1 high (high or critical present)',
    });
    expect(judgeAudit(report({ high: 0, critical: 2, total: 2 })).kind).toBe('findings');
  });

  it('an audit endpoint that does not answer is a warning, not a finding', () => {
    expect(
      judgeAudit(JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405 })),
    ).toEqual({
      kind: 'unavailable',
      message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
    });
    expect(judgeAudit('').kind).toBe('unavailable');
    expect(judgeAudit('npm ERR! network').kind).toBe('unavailable');
  });
});

describe('checkPins', () => {
  it('accepts this repository’s lock file', () => {
    expect(checkPins(JSON.parse(readFileSync('package-lock.json', 'utf8')))).toEqual([]);
  });

  it('names old or duplicated packages', () => {
    const lock = {
      packages: {
        'node_modules/next': { version: '16.4.4' },
        'node_modules/react': { version: '19.2.9' },
        'node_modules/react-dom': { version: '19.10.0' },
        'node_modules/next-auth': { version: '5.0.0-beta.31' },
        'node_modules/@auth/core': { version: '0.41.3' },
        'node_modules/next-auth/node_modules/@auth/core': { version: '0.40.0' },
      },
    };
    const problems = checkPins(lock);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('next 16.4.4');
    expect(problems[1]).toContain('next-auth must be exactly 5.0.0-beta.32');
    expect(problems[2]).toContain('expected one @auth/core');
  });
});
