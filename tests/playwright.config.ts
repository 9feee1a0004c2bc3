import { defineConfig } from '@playwright/test'
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_DEMO_PIN,
  E2E_PORT,
  E2E_PUBLIC_BASE_URL,
  E2E_STAFF,
  FAKE_MEDIA_ARGS,
  KIOSK_CONTEXT,
} from './fixtures/playwright/e2e'

/** Specs that need a camera or microphone: named `*.media.spec.ts`, run in the fake-media project. */
const MEDIA_SPECS = /\.media\.spec\.ts$/

/** End-to-end tests: real Chromium against the real backend process serving the production build. */
export default defineConfig({
  testDir: './e2e',
  outputDir: './artifacts/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    ...KIOSK_CONTEXT,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Every spec but the camera ones keeps Chromium's real permission prompts.
    { name: 'kiosk', testIgnore: MEDIA_SPECS },
    {
      // Fake camera and microphone, granted without a prompt: the document camera's and (#16) the video call's specs.
      name: 'media',
      testMatch: MEDIA_SPECS,
      use: { launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS] } },
    },
  ],
  webServer: {
    command: `rm -rf '${E2E_DATA_DIR}' && node --import tsx mock-backend/src/main.ts`,
    cwd: '..',
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: E2E_DATA_DIR,
      ADMIN_PASSWORD: E2E_STAFF.admin.password,
      OPS_PASSWORD: E2E_STAFF.ops.password,
      HELPER_PASSWORD: E2E_STAFF.helper.password,
      DEMO_PIN: E2E_DEMO_PIN,
      PUBLIC_BASE_URL: E2E_PUBLIC_BASE_URL,
      LOG_LEVEL: 'warn',
      // The kiosk specs run as the loopback demo terminal; off is the product's default.
      DEMO_TERMINAL: 'on',
      // The payment specs play the simulated gateway (paid, failed, timed out) through its fault route.
      FAULTS: 'on',
      // A helper or CI job may serve its own build (vite build --outDir …) without touching ./dist.
      ...(process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {}),
    },
  },
})
