import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the web app once before the browser tests, exactly as `npm run build:web` does, so a clean
 * clone (no web/dist yet) tests what `npm start` would serve.
 */
export default async function setup(): Promise<void> {
  // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
