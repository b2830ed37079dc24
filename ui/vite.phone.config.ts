import { defineConfig } from 'vite';

// The participants' phone page, served by the LAN server (crates/lan) as exactly
// /, /phone.js and /phone.css: fixed names, no other assets, nothing from outside.
// Old Android browsers are the target, hence es2017 (module scripts need Chrome 61).
export default defineConfig({
  root: 'phone',
  base: './',
  clearScreen: false,
  publicDir: false,
  server: { fs: { allow: ['..', '../../assets'] } },
  build: {
    outDir: '../dist-phone',
    emptyOutDir: true,
    target: 'es2017',
    cssTarget: 'chrome61',
    // One script and no lazy chunks: the preload helper would only add weight.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        entryFileNames: 'phone.js',
        chunkFileNames: 'phone.js',
        assetFileNames: 'phone.css',
      },
    },
  },
});
