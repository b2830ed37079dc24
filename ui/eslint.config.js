import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // The phone page runs on old Android browsers: keep out what they lack.
    files: ['phone/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['fromEntries', 'hasOwn'].map((property) => ({ object: 'Object', property })),
        { property: 'replaceChildren', message: 'Chrome 86+; use fill() from dom.ts.' },
        { property: 'randomUUID', message: 'Missing on plain-http pages; use newBallotId().' },
        { property: 'finally', message: 'Promise.prototype.finally is Chrome 63+.' },
        { property: 'flat', message: 'Chrome 69+.' },
        { property: 'flatMap', message: 'Chrome 69+.' },
      ],
    },
  },
  {
    // A development aid that runs under node, never shipped.
    files: ['phone/dev-server.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  { ignores: ['dist/', 'dist-phone/', 'node_modules/'] },
);
