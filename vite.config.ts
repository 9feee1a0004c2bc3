/// <reference types="vitest/config" />
import { resolve } from 'node:path'
import preact from '@preact/preset-vite'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { attractShellHtml } from './kiosk/src/ui/attractShell.ts'
import { precompressDir } from './mock-backend/src/precompress.ts'

const root = resolve(import.meta.dirname, 'kiosk')
const outDir = resolve(import.meta.dirname, 'dist')

/** After the build (the service worker included) writes brotli and gzip copies of its text files. */
function precompressOutput(dir: string): Plugin {
  return {
    name: 'precompress-output',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const written = precompressDir(dir)
        this.info?.(`precompressed ${written.length} files (br, gzip)`)
      },
    },
  }
}

/** Writes the attract screen's first frame into the resident page's #app, so it paints before any script runs. */
function attractFirstFrame(): Plugin {
  const empty = '<div id="app"></div>'
  return {
    name: 'attract-first-frame',
    transformIndexHtml(html, context) {
      if (context.path !== '/index.html') return html
      if (!html.includes(empty)) throw new Error(`kiosk/index.html has no ${empty} to fill`)
      return html.replace(empty, `<div id="app">${attractShellHtml()}</div>`)
    },
  }
}

/** Files the resident page can ever load (eager or lazy); only these go into the offline precache. */
const kioskFiles = new Set<string>()

/** Walks the kiosk entry's import graph at bundle time, so admin/ops code never lands in the terminal's cache. */
function collectKioskGraph(): Plugin {
  return {
    name: 'kiosk-precache-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === resolve(root, 'index.html'),
      )
      if (!entry) return
      kioskFiles.clear()
      const visit = (fileName: string) => {
        const chunk = bundle[fileName]
        if (!chunk || kioskFiles.has(fileName)) return
        kioskFiles.add(fileName)
        if (chunk.type !== 'chunk') return
        for (const css of chunk.viteMetadata?.importedCss ?? []) kioskFiles.add(css)
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) kioskFiles.add(asset)
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next)
      }
      visit(entry.fileName)
    },
  }
}

/** One build for the three pages: the resident terminal (/), the admin console and the ops dashboard. */
export default defineConfig({
  root,
  publicDir: resolve(root, 'public'),
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // terser (three passes, ES2020 output, ES module scope) writes the resident entry smaller than esbuild's
    // minifier, which keeps it within its first-tap budget (tests/bench/firstTapJs.ts); the build takes longer.
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 3 } },
    manifest: true,
    rollupOptions: {
      input: {
        kiosk: resolve(root, 'index.html'),
        admin: resolve(root, 'admin/index.html'),
        ops: resolve(root, 'ops/index.html'),
        // 帮办坐席: the helpers' console, an online tool like ops (never precached).
        help: resolve(root, 'help/index.html'),
        // 扫码续办: the mobile case page, its own small entry (kiosk/src/mobile/), never precached.
        mobile: resolve(root, 'm/index.html'),
      },
    },
  },
  plugins: [
    preact(),
    attractFirstFrame(),
    collectKioskGraph(),
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
        globPatterns: ['index.html', 'assets/**/*.{js,css}'],
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((e) => !e.url.startsWith('assets/') || kioskFiles.has(e.url)),
            warnings: kioskFiles.size === 0 ? ['kiosk import graph not collected; precaching no assets'] : [],
          }),
        ],
      },
      devOptions: { enabled: false },
    }),
    // Last: the service worker above is written in its closeBundle, and it is compressed too.
    precompressOutput(outDir),
  ],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
  test: {
    root: import.meta.dirname,
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    // A PostgreSQL server for the storage tests: TEST_DATABASE_URL, else a throwaway cluster for this run.
    globalSetup: ['tests/fixtures/node/backend/postgresGlobalSetup.ts'],
  },
})
