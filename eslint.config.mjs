// Lint gate run by `npm test` (through `npm run lint`): typescript-eslint's recommended rules; formatting is
// Prettier's job, so eslint-config-prettier switches off every rule that would argue with it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      // Codemod fixtures and the samples are inputs and outputs of the codemods, compared byte for byte.
      'test/fixtures/**',
      '**/fixtures/**',
      'sample-legacy-backend/**',
      'sample-migrated-backend/**',
      'test/published-plugins/**',
      'test/published-new-system/**',
      'test/published-backstage/**',
      'bench/peer/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      // `interface RootLoggerService extends LoggerService {}` names a service interface after Backstage's.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
