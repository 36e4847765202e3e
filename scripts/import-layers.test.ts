import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps lib/'s imports pointing down (eslint.config.mjs), tried on planted files.
const root = path.resolve(import.meta.dirname, '..');

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('the import layers of lib/', { timeout: 60_000 }, () => {
  it('refuse an import into a higher module, or between two modules of one layer', async () => {
    expect(
      await layerErrors('lib/audit/planted.ts', "import { decideOverride } from '@/lib/overrides/decide';\nexport const planted = decideOverride;\n"),
    ).toEqual(['There is no policy allowing dependencies from elements of type "audit" to elements of type "overrides"']);
    expect(await layerErrors('lib/ids/planted.ts', "import { wireConsole } from '@/lib/wiring';\nexport const planted = wireConsole;\n")).toHaveLength(1);
    expect(
      await layerErrors('lib/claims/planted.ts', "import { runDecision } from '@/lib/overrides/pipeline';\nexport const planted = runDecision;\n"),
    ).toHaveLength(1);
  });

  it('allow imports downwards and within a module', async () => {
    expect(
      await layerErrors(
        'lib/overrides/planted.ts',
        "import { recordAuditEvent } from '@/lib/audit/trail';\nimport { runDecision } from './pipeline';\nexport const planted = [recordAuditEvent, runDecision];\n",
      ),
    ).toEqual([]);
  });
});
