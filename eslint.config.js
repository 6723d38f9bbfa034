import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test-output/**', '**/*.mjs', '**/*.cjs', 'eslint.config.js', 'vitest.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Tests read JSON bodies of real HTTP responses; typing every one of them would say nothing more than the assertions.
    files: ['**/*.test.ts', 'tests/**/*.ts', '**/test-harness.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Outbound HTTP to user-controlled URLs must go through @astron/kit/egress; clients of our own services use kit/http-client.
    files: ['services/**/*.ts'],
    ignores: ['services/**/*.test.ts', 'services/**/test-harness.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the egress client (@astron/kit/egress) or the service client.' }],
      'no-restricted-imports': ['error', { paths: ['node:http', 'node:https', 'http', 'https', 'undici', 'node:vm', 'vm'] }],
    },
  },
);
