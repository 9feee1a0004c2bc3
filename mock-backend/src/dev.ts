/**
 * `npm run dev`: the backend on PORT plus a Vite dev server (port 5173, hot reload) that proxies /api to it.
 */
import { resolve } from 'node:path'
import { createServer } from 'vite'
import { DEMO_LINK_TTL_MS } from './auth/terminalKeys'
import { loadConfig } from './config'
import { createLogger } from './logger'
import { startServer } from './server'

async function main(): Promise<void> {
  // The dev server's kiosk enrols itself as the demo terminal, as tests do (DEMO_TERMINAL=off still wins).
  const config = loadConfig(undefined, { DEMO_TERMINAL: 'on' })
  const logger = createLogger(config.logLevel)
  const backend = await startServer(config, logger)
  const vite = await createServer({
    configFile: resolve(import.meta.dirname, '../../vite.config.ts'),
    server: { port: 5173, strictPort: false, proxy: { '/api': backend.url } },
  })
  await vite.listen()
  const local = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/'
  const lines = [
    '',
    '开发模式 / dev mode (hot reload)',
    `  自助终端 Kiosk:  ${local}`,
    `  管理后台 Admin:  ${local}admin/`,
    `  运维看板 Ops:    ${local}ops/`,
    `  后端 API:        ${backend.url}/api/health`,
    `  演示终端注册链接 demo enrol link (once, ${DEMO_LINK_TTL_MS / 60_000} min): ${local}?enrol=${backend.seeded.demoEnrolCode}`,
  ]
  for (const g of backend.seeded.generated)
    lines.push(`  首次启动生成的密码 generated password — ${g.username}: ${g.password}`)
  process.stdout.write(`${lines.join('\n')}\n\n`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await vite.close()
    await backend.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`dev server failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
