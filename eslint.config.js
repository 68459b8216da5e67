// Flat config: typescript-eslint's recommended rules, plus layer boundaries so the
// architecture stays visible (domain depends on nothing; ingest/checks/render only on domain/reference).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (dir, forbidden) => ({
  files: [`src/${dir}/**/*.ts`, `src/${dir}/**/*.tsx`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((f) => ({ group: [`#${f}/*`, `**/${f}/*`], message: `${dir}/ must not depend on ${f}/` })),
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer('domain', ['reference', 'ingest', 'checks', 'render', 'store', 'server', 'web', 'cli']),
  layer('reference', ['ingest', 'checks', 'render', 'store', 'server', 'web', 'cli']),
  layer('ingest', ['checks', 'render', 'store', 'server', 'web', 'cli']),
  layer('checks', ['render', 'store', 'server', 'web', 'cli']),
  layer('authoring', ['render', 'store', 'server', 'web', 'cli']),
  layer('render', ['store', 'server', 'web', 'cli']),
  layer('store', ['server', 'web', 'cli']),
);
