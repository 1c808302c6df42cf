// Type-checked lint plus the boundaries that keep Regio's layers honest:
// main/core never sees electron, shared sees nothing but itself and zod, the renderer never reaches
// into main, and raw ipcMain/ipcRenderer live only in main/ipc and main/preload (Heroic's rule).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = {
  paths: [{ name: 'electron', message: 'main/core is plain Node: pass platform services in as arguments.' }],
};
const rawIpcBan = {
  selector: 'ImportSpecifier[imported.name=/^(ipcMain|ipcRenderer)$/]',
  message: 'Raw IPC belongs to main/ipc and main/preload only; go through the contract.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'test/e2e/screenshots/**',
      '.bench/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', rawIpcBan],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ runs everywhere: no electron.' }],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
              message: 'shared/ runs in the renderer too: no Node modules.',
            },
            {
              group: ['react', 'react-dom', '**/main/**', '**/renderer/**'],
              message: 'shared/ imports only shared/ and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to window.regio through src/api only.' }],
          patterns: [
            { group: ['**/main/**', 'node:*'], message: 'The renderer never reaches into main/ or Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/ipc/**/*.ts', 'main/preload/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
