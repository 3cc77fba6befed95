import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/core must not import vscode.' };
// One door to zod: src/core/zod.ts is zod/mini with English messages configured before any parse.
const zodOnce = ['zod', 'zod/mini', 'zod/v4', 'zod/v4/mini'].map((name) => ({ name, message: 'Import zod from src/core/zod.ts.' }));

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    // src/core runs in Node and in the webview: it must never reach for the VS Code API.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: zodOnce }] },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...zodOnce] }] },
  },
  {
    // One door for messages: prompt()/tell() take only says`…` text, so nothing from outside becomes a link.
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/ui/prompts.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
          message: 'Show messages through prompt() or tell() (ui/prompts.ts), with text built by says`…`.',
        },
      ],
    },
  },
);
