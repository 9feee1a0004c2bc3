/**
 * Entry point of `npm start` / `npm run serve`: starts the backend, prints where the pages are and how to
 * log in, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { DEMO_LINK_TTL_MS } from './auth/terminalKeys'
import { loadConfig } from './config'
import { postgresLabel } from './db/postgres/urlLabel'
import { createLogger } from './logger'
import { startServer } from './server'

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const server = await startServer(config, logger)
  const lines = [
    '',
    `政务服务自助终端 后端已启动 / backend running`,
    `  自助终端 Kiosk:      ${server.url}/`,
    `  演示终端一次性注册链接 One-time demo enrol link (${DEMO_LINK_TTL_MS / 60_000} min):`,
    `    ${server.url}/?enrol=${server.seeded.demoEnrolCode}`,
    `  管理后台 Admin:      ${server.url}/admin/   (用户名 username: admin)`,
    `  运维看板 Ops:        ${server.url}/ops/     (用户名 username: ops)`,
    `  帮办坐席 Help:       ${server.url}/help/    (用户名 username: helper)`,
    `  API 健康检查 Health: ${server.url}/api/health`,
  ]
  if (server.seeded.generated.length > 0) {
    lines.push('', '  首次启动已生成密码（仅显示这一次，请妥善保存）/ generated passwords, shown ONCE:')
    for (const g of server.seeded.generated) lines.push(`    ${g.username}: ${g.password}`)
  } else {
    lines.push(
      '  密码 Passwords: ADMIN_PASSWORD / OPS_PASSWORD / HELPER_PASSWORD，或首次启动时打印的密码 (printed on first start)',
    )
  }
  if (server.seeded.generatedDemoPin) {
    lines.push(
      `  演示终端维护密码（仅显示这一次）/ demo terminal maintenance PIN, shown ONCE: ${server.seeded.generatedDemoPin}`,
    )
  }
  // On PostgreSQL, DATA_DIR holds only the fingerprint key: the banner names the database instead (no password).
  const data = config.databaseUrl ? postgresLabel(config.databaseUrl) : config.dataDir
  lines.push(`  数据 Data: ${data}`, '')
  process.stdout.write(`${lines.join('\n')}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  process.stderr.write(`backend failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
