/**
 * `npm run catalog -- <command>`: check a catalog file locally, and diff / publish / roll back through the
 * admin API, so the district's IT staff can script catalog updates without the admin console.
 * Exit codes: 0 done, 1 the file has errors or the server refused, 2 usage error, 3 server unreachable or login failed.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { AdminApiError, type AdminClient, loginAdmin } from './adminClient'
import { type CatalogDiff, diffCatalogs } from './diff'
import { importCatalogFile } from './importCatalog'
import { formatProblem, type Problem } from './problems'
import { Catalog } from './schema'

/** Where the CLI writes and what it reads from outside, swappable in tests. */
export type CliIo = {
  out: (line: string) => void
  err: (line: string) => void
  env: Record<string, string | undefined>
  fetch?: typeof fetch
  cwd?: string
}

const USAGE = `用法 / usage: npm run catalog -- <command> [options]

命令 / commands
  validate FILE               本地检查 CSV/JSON 目录文件 / check a catalog file locally
  diff FILE [--against OLD]   与已发布目录（或 OLD 文件）比较 / compare with the published catalog (or OLD)
  publish FILE [--note TEXT]  上传、检查并发布 / upload, validate and publish
  versions                    列出已发布版本 / list published versions
  rollback N                  以版本 N 的内容发布新版本 / republish version N as a new version

选项 / options
  --base FILE          本地检查时视为“已发布”的 JSON 目录：匹配部门名，并保留 CSV 无法表达的内容
                       (default services-catalog/data/catalog.json; --departments is a synonym)
  --server URL         后台地址 / backend (default http://127.0.0.1:8080)
  --user NAME          管理员账号 / admin user (default $ADMIN_USER or admin)
  --password TEXT      密码（建议改用环境变量 ADMIN_PASSWORD）/ password (prefer $ADMIN_PASSWORD)
  --json               输出 JSON / machine-readable output
  -h, --help           显示帮助 / show this help

退出码 / exit codes: 0 成功 ok · 1 文件有错误或被拒绝 errors/refused · 2 用法错误 usage · 3 无法连接或登录失败 server/login`

class UsageError extends Error {}

const DEFAULT_BASE = resolve(import.meta.dirname, '../data/catalog.json')

function readInput(path: string, cwd: string): Uint8Array {
  const full = resolve(cwd, path)
  if (!existsSync(full)) throw new UsageError(`找不到文件 / file not found: ${path}`)
  try {
    return new Uint8Array(readFileSync(full))
  } catch (e) {
    throw new UsageError(`无法读取文件 / cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/**
 * The catalog a local check treats as published (--base, else the default data if present): CSV department
 * names are matched against its departments and rows for its items keep what CSV cannot carry.
 */
function loadBase(path: string | undefined, cwd: string): Catalog | undefined {
  const file = path === undefined ? DEFAULT_BASE : resolve(cwd, path)
  if (!existsSync(file)) {
    if (path !== undefined) throw new UsageError(`找不到基准目录文件 / base catalog not found: ${path}`)
    return undefined
  }
  try {
    return Catalog.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch (e) {
    if (path === undefined) return undefined
    throw new UsageError(
      `基准目录文件无效 / bad base catalog ${path}: ${e instanceof Error ? e.message : String(e)}`,
    )
  }
}

function printProblems(problems: Problem[], io: CliIo) {
  for (const p of problems) (p.severity === 'error' ? io.err : io.out)(formatProblem(p))
}

function printDiff(diff: CatalogDiff, io: CliIo) {
  for (const a of diff.added) io.out(`+ ${a.code} ${a.name}`)
  for (const r of diff.removed) io.out(`- ${r.code} ${r.name}`)
  for (const c of diff.changed) {
    io.out(`~ ${c.code} ${c.name}`)
    for (const f of c.fields)
      io.out(`    ${f.path}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`)
  }
  for (const d of diff.departmentsAdded) io.out(`+ 部门 department ${d}`)
  for (const d of diff.departmentsRemoved) io.out(`- 部门 department ${d}`)
  for (const d of diff.departmentsChanged ?? [])
    io.out(`~ 部门 department ${d.code}: ${d.fields.map((f) => f.path).join(', ')}`)
  io.out(
    `新增 ${diff.added.length}，删除 ${diff.removed.length}，修改 ${diff.changed.length}，未变 ${diff.unchanged} / ` +
      `added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}, unchanged ${diff.unchanged}`,
  )
}

const summaryLine = (s: { items: number; errors: number; warnings: number }) =>
  s.errors === 0
    ? `通过：${s.items} 个事项，${s.warnings} 条警告 / valid: ${s.items} items, ${s.warnings} warnings`
    : `未通过：${s.errors} 个错误，${s.warnings} 条警告 / invalid: ${s.errors} errors, ${s.warnings} warnings`

type Values = {
  server?: string
  user?: string
  password?: string
  note?: string
  against?: string
  base?: string
  departments?: string
  json?: boolean
  help?: boolean
}

async function connect(values: Values, io: CliIo): Promise<AdminClient> {
  const password = values.password ?? io.env.ADMIN_PASSWORD
  if (!password)
    throw new UsageError(
      '需要管理员密码：设置 ADMIN_PASSWORD 或使用 --password / set ADMIN_PASSWORD or pass --password',
    )
  return loginAdmin({
    server: values.server ?? 'http://127.0.0.1:8080',
    user: values.user ?? io.env.ADMIN_USER ?? 'admin',
    password,
    fetch: io.fetch,
  })
}

/** Uploads a file to the server's validate route, printing its problems; returns the candidate when valid. */
async function uploadCandidate(
  client: AdminClient,
  file: string,
  bytes: Uint8Array,
  values: Values,
  io: CliIo,
) {
  const report = await client.validate(bytes, file.split(/[\\/]/).pop() ?? file)
  if (!values.json) {
    printProblems(report.problems, io)
    io.out(summaryLine(report.summary))
  }
  return report
}

const needFile = (positionals: string[], command: string) => {
  const file = positionals[1]
  if (!file) throw new UsageError(`${command} 需要文件参数 / ${command} needs a FILE argument`)
  if (positionals.length > 2) throw new UsageError(`多余的参数 / unexpected argument: ${positionals[2]}`)
  return file
}

/** Runs one CLI invocation and returns its exit code (never calls process.exit, so tests can call it). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd()
  let values: Values
  let positionals: string[]
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        server: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        note: { type: 'string' },
        against: { type: 'string' },
        base: { type: 'string' },
        departments: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    values = parsed.values
    positionals = parsed.positionals
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`)
    return 2
  }
  const command = positionals[0]
  if (values.help || command === 'help') {
    io.out(USAGE)
    return 0
  }
  const emit = (value: unknown) => io.out(JSON.stringify(value, null, 2))
  try {
    switch (command) {
      case 'validate': {
        const file = needFile(positionals, command)
        const bytes = readInput(file, cwd)
        const base = loadBase(values.base ?? values.departments, cwd)
        const report = importCatalogFile(bytes, { fileName: file, base })
        if (values.json) emit({ ...report, catalog: undefined })
        else {
          printProblems(report.problems, io)
          io.out(summaryLine(report.summary))
        }
        return report.ok ? 0 : 1
      }
      case 'diff': {
        const file = needFile(positionals, command)
        const bytes = readInput(file, cwd)
        if (values.against !== undefined) {
          const oldBytes = readInput(values.against, cwd)
          const base = loadBase(values.base ?? values.departments, cwd)
          const before = importCatalogFile(oldBytes, { fileName: values.against, base })
          const after = importCatalogFile(bytes, { fileName: file, base: before.catalog ?? base })
          for (const [name, r] of [
            [values.against, before],
            [file, after],
          ] as const) {
            if (!r.ok) {
              io.err(`${name}:`)
              printProblems(r.problems, io)
              io.err(summaryLine(r.summary))
              return 1
            }
          }
          const diff = diffCatalogs(before.catalog, after.catalog!)
          if (values.json) emit(diff)
          else printDiff(diff, io)
          return 0
        }
        const client = await connect(values, io)
        const report = await uploadCandidate(client, file, bytes, values, io)
        if (!report.ok || !report.candidateId) {
          if (values.json) emit({ ...report, catalog: undefined })
          return 1
        }
        const diff = await client.diff(report.candidateId)
        if (values.json) emit(diff)
        else printDiff(diff, io)
        return 0
      }
      case 'publish': {
        const file = needFile(positionals, command)
        const bytes = readInput(file, cwd)
        const client = await connect(values, io)
        const report = await uploadCandidate(client, file, bytes, values, io)
        if (!report.ok || !report.candidateId) {
          if (values.json) emit({ ...report, catalog: undefined })
          else io.err('有错误，未发布 / not published: the file has errors')
          return 1
        }
        const published = await client.publish(report.candidateId, values.note)
        if (values.json) emit(published)
        else
          io.out(
            `已发布版本 ${published.version} / published version ${published.version} (${published.publishedAt})`,
          )
        return 0
      }
      case 'versions': {
        if (positionals.length > 1)
          throw new UsageError(`多余的参数 / unexpected argument: ${positionals[1]}`)
        const client = await connect(values, io)
        const rows = await client.versions()
        if (values.json) emit(rows)
        else if (rows.length === 0) io.out('尚未发布任何版本 / nothing published yet')
        else
          for (const r of rows)
            io.out(
              `${r.active ? '*' : ' '} v${r.version}  ${r.publishedAt}  ${r.publishedBy}  ${r.itemCount} 项 items${r.note ? `  ${r.note}` : ''}`,
            )
        return 0
      }
      case 'rollback': {
        const n = positionals[1]
        if (!n || !/^\d+$/.test(n) || Number(n) < 1)
          throw new UsageError('rollback 需要版本号（正整数）/ rollback needs a version number')
        const client = await connect(values, io)
        const answer = await client.rollback(Number(n))
        if (values.json) emit(answer)
        else
          io.out(
            `已将版本 ${n} 重新发布为版本 ${answer.version} / republished version ${n} as version ${answer.version}`,
          )
        return 0
      }
      case undefined:
        io.err(USAGE)
        return 2
      default:
        io.err(`未知命令 / unknown command: ${command}\n\n${USAGE}`)
        return 2
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message)
      return 2
    }
    if (e instanceof AdminApiError) {
      if (e.status === 0) io.err(`无法连接服务器 / ${e.message}`)
      else io.err(`服务器拒绝 / server refused: ${e.status} ${e.code}: ${e.message}`)
      return e.status === 0 || e.status === 401 || e.status === 403 || e.status === 429 ? 3 : 1
    }
    throw e
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (isMain) {
  runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      process.stderr.write(`内部错误 / internal error: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 3
    },
  )
}
