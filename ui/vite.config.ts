import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Everything ships inside the app: no CDN, no remote fonts. The locale files and
// the catalogue live in ../assets, shared with the Rust core.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: ['..'] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'safari14' },
  test: { include: ['src/**/*.test.ts', 'phone/src/**/*.test.ts'] },
});
