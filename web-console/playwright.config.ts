import { defineConfig } from '@playwright/test';

// Runs against a running gateway (CONSOLE_URL), in the machine's Chromium: test tools may not download browsers here.
// system-tests' ConsoleBrowserSystemTest starts the whole stack and runs this suite; by hand:
//   CONSOLE_URL=http://localhost:8080 npx playwright test
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/playwright',
  // one worker: some tests change the organisation's qualification setting, which every qualification reads
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['junit', { outputFile: 'target/playwright-report/junit.xml' }]],
  use: {
    baseURL: process.env.CONSOLE_URL ?? 'http://localhost:8080',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // as root in a sandbox, and with no network beyond the gateway: no background connections to Google's hosts
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
