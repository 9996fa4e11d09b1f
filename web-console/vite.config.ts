import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running local stack, so the console can be worked on with live reload.
export default defineConfig({
  build: { outDir: 'target/dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080', '/dev-tokens.json': 'http://localhost:8080' } },
});
