import { defineConfig } from 'vitest/config';

export default defineConfig({
  build: { outDir: 'target/dist', emptyOutDir: true, sourcemap: true },
  // `npm run dev` proxies the API to a running local stack, so the console can be worked on with live reload
  server: { proxy: { '/api': 'http://localhost:8080', '/dev-tokens.json': 'http://localhost:8080' } },
  // unit tests of the plain modules (the browser tests in e2e/ are Playwright's)
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
