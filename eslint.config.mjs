// @ts-check
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * typescript-eslint's recommended rules, plus the two type-aware ones that catch
 * promises nobody waits for or handles (a lost error, a half-written record).
 * Formatting is Prettier's (`npm run format`), so no style rule is on here.
 */
export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist.next/**',
      'dist.old/**',
      '.builds/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      '.data/**',
      'test/support/openapi-client/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // a leading underscore says "deliberately unused" (a rest pattern's dropped keys, a port's unused parameter)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  prettier,
);
