// Lint for the whole tree (npm run lint, inside npm test): typescript-eslint's recommended rules,
// React's hooks rules for components, and Prettier owning the formatting (no style rules here).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'public/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/', 'chroma-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a binding kept on purpose (a rest pattern's dropped field, a handler's unused argument)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'prefer-const': 'error',
    },
  },
  { files: ['src/**/*.tsx', 'src/**/use*.ts', 'src/state/hooks.ts'], ...reactHooks.configs.flat.recommended },
  // three.js objects (materials, buffers, the camera) are made once and mutated in place, as R3F
  // intends: a new object per change would re-upload buffers and re-render (STYLE.md, render discipline)
  { files: ['src/scene/**/*.tsx'], rules: { 'react-hooks/immutability': 'off' } },
  { files: ['scripts/**', 'bench/**', 'e2e/**', '**/*.test.ts'], rules: { 'no-console': 'off' } },
  prettier,
);
