import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedRoot = fileURLToPath(new URL('../shared', import.meta.url));

// `npm run build:web` → web/dist. For `vite --config web/vite.config.ts` (dev server), the API,
// Cognito stand-in and /config.json are proxied to a running `npm start` (KLASSNY_DEV_BACKEND).
const backend = process.env['KLASSNY_DEV_BACKEND'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [svelte()],
  resolve: {
    alias: [{ find: /^#shared\//, replacement: `${sharedRoot}/` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': backend,
      '/cognito': backend,
      '/config.json': backend,
    },
  },
});
