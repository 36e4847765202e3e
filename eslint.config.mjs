import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';

/**
 * The modules of lib/, from the bottom up (docs/architecture.md draws them). A module may import
 * the modules of the layers below its own, never one of its own layer or above: so no two
 * modules import each other, and nothing low reaches up. What must follow a decision or a sync
 * turn from above is wired in at start-up (lib/wiring.ts). `lib/actions`, the server actions,
 * sit on top of everything.
 */
export const LAYERS = [
  ['env', 'ids', 'records', 'canonical-json', 'result', 'in-flight', 'url-filters', 'security', 'cn'],
  ['log', 'about', 'route-params', 'format'],
  ['db', 'metrics'],
  ['artemis', 'liveness', 'evidence'],
  ['audit'],
  ['users'],
  ['auth', 'document-index'],
  ['claims', 'overrides', 'shutdown', 'evidence-access'],
  ['calibration', 'case-work', 'background'],
  ['queue', 'notifications'],
  ['customers'],
  ['review', 'monitoring'],
  ['evidence-pack'],
  ['wiring'],
  ['startup'],
  ['actions'],
];

const elements = LAYERS.flat().map((name) => ({ type: name, pattern: `lib/${name}` }));
const policies = LAYERS.flatMap((layer, i) =>
  layer.map((name) => ({ from: { element: { type: name } }, allow: [{ to: { element: { types: { anyOf: [name, ...LAYERS.slice(0, i).flat()] } } } }] })),
);

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['lib/**/*'],
      'import/resolver': { typescript: { alwaysTryTypes: true } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
    },
  },
  {
    // Components draw what they are given: no component reads Artemis or the database itself.
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/artemis', '@/lib/artemis/*', '@/lib/db', '@/lib/db/*'],
              message: 'Components are fed by pages and actions; they do not read Artemis or the database.',
            },
          ],
        },
      ],
    },
  },
  { ignores: ['.next/**', 'node_modules/**', 'lib/artemis/schema.d.ts', 'test-results/**', 'playwright-report/**', 'data/**', 'next-env.d.ts'] },
];

export default config;
