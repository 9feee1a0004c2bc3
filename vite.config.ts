/// <reference types="vitest/config" />
import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const root = resolve(import.meta.dirname, 'kiosk')

/** One build for the three pages: the resident terminal (/), the admin console and the ops dashboard. */
export default defineConfig({
  root,
  publicDir: resolve(root, 'public'),
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    rollupOptions: {
      input: {
        kiosk: resolve(root, 'index.html'),
        admin: resolve(root, 'admin/index.html'),
        ops: resolve(root, 'ops/index.html'),
      },
    },
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: '政务服务自助终端',
        short_name: '自助终端',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'fullscreen',
        orientation: 'portrait',
        background_color: '#f4f6f9',
        theme_color: '#b71c1c',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      injectManifest: {
        // Only the resident terminal is precached; admin and ops are online tools.
        globPatterns: ['index.html', 'assets/**/*.{js,css}', 'icon.svg', 'manifest.webmanifest'],
        globIgnores: ['**/admin-*.js', '**/ops-*.js'],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
  test: {
    root: import.meta.dirname,
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
  },
})
