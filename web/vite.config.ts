import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { API_PREFIXES } from '@culturebridge/api/api-routes';

const root = fileURLToPath(new URL('.', import.meta.url));

/** `npx vite web` (development) forwards the API's paths to a running `npm start`. */
const apiTarget = process.env.CULTUREBRIDGE_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  // Relative asset URLs: the same build works at the local server's root and behind CloudFront.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: Object.fromEntries([...API_PREFIXES, '/_local'].map((prefix) => [prefix, apiTarget])),
  },
});
