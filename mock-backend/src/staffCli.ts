/**
 * `npm run staff -- <command>`: staff accounts from the server's own shell, on the DATA_DIR database directly
 * (the server may keep running). The same rules as the console (auth/accounts.ts), and every change is audited
 * with the actor `cli`. Commands:
 *   list
 *   create USERNAME ROLE [GROUP,GROUP…]   prints the generated password once
 *   disable USERNAME | enable USERNAME
 *   reset USERNAME                        prints the new password once; the user's sessions end
 *   scope USERNAME GROUP,GROUP… | all
 *   role USERNAME ROLE
 */
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import type { z } from 'zod'
import { CLI_ACTOR, SqlAuditLog } from './audit/auditLog'
import { Role, Scope, Username } from './auth/accountFields'
import { StaffAccounts } from './auth/accounts'
import { proxyTrust } from './clientAddress'
import { databaseUrlFromEnv, dataDirFromEnv } from './config'
import type { StaffAccount } from './contract'
import { openStorage } from './db/openStorage'
import { ApiError } from './http/errors'

/** The usage text, printed for an unknown command or missing arguments. */
export const STAFF_CLI_USAGE = [
  '用法 usage: npm run staff -- <command>',
  '  list',
  '  create USERNAME admin|ops|helper|intake [GROUP,GROUP…]',
  '  disable USERNAME | enable USERNAME',
  '  reset USERNAME',
  '  scope USERNAME GROUP,GROUP…|all',
  '  role USERNAME admin|ops|helper|intake',
].join('\n')

class UsageError extends Error {}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  if (value === undefined) throw new UsageError(`${what} missing`)
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new ApiError(400, 'validation', `${what}: ${parsed.error.issues[0]?.message}`)
  return parsed.data
}

const scopeOf = (text: string | undefined): string[] =>
  text === undefined || text === 'all' ? [] : parse(Scope, text.split(','), 'scope')

const line = (a: StaffAccount) =>
  [a.username, a.role, a.scope.length ? a.scope.join(',') : 'all', a.disabled ? 'disabled' : 'active'].join(
    '\t',
  )

/** Runs one command on the database in `dataDir`; answers the exit code (0 done, 1 refused, 2 usage). */
export async function runStaffCli(
  args: readonly string[],
  dataDir: string,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  // DATABASE_URL set: the accounts of that PostgreSQL database, as the server would use.
  const store = await openStorage({ dataDir: resolve(dataDir), databaseUrl: databaseUrlFromEnv() })
  const now = () => new Date()
  const accounts = new StaffAccounts(store.staff, now)
  const audit = new SqlAuditLog(store.audit, now, proxyTrust([]))
  const where = `cli@${hostname()}`
  const [command, name, arg] = args
  try {
    switch (command) {
      case 'list':
        for (const a of await accounts.list()) out(line(a))
        return 0
      case 'create': {
        const username = parse(Username, name, 'username')
        const role = parse(Role, arg, 'role')
        const scope = scopeOf(args[3])
        const { account, password } = await accounts.create(username, role, scope)
        await audit.recordLocal(CLI_ACTOR, where, 'account.create', username, {
          role,
          scope: scope.join(','),
        })
        out(line(account))
        out(`密码 password (shown once): ${password}`)
        return 0
      }
      case 'disable':
      case 'enable': {
        const username = parse(Username, name, 'username')
        out(line(await accounts.update(username, { disabled: command === 'disable' })))
        await audit.recordLocal(
          CLI_ACTOR,
          where,
          command === 'disable' ? 'account.disable' : 'account.enable',
          username,
        )
        return 0
      }
      case 'reset': {
        const username = parse(Username, name, 'username')
        const { account, password } = await accounts.resetPassword(username)
        await audit.recordLocal(CLI_ACTOR, where, 'account.reset', username)
        out(line(account))
        out(`新密码 new password (shown once): ${password}`)
        return 0
      }
      case 'scope':
      case 'role': {
        const username = parse(Username, name, 'username')
        if (arg === undefined) throw new UsageError(`${command} missing`)
        const change = command === 'scope' ? { scope: scopeOf(arg) } : { role: parse(Role, arg, 'role') }
        const account = await accounts.update(username, change)
        await audit.recordLocal(CLI_ACTOR, where, 'account.update', username, {
          role: account.role,
          scope: account.scope.join(','),
        })
        out(line(account))
        return 0
      }
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'command missing')
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`staff: ${e.message}\n${STAFF_CLI_USAGE}`)
      return 2
    }
    if (e instanceof ApiError) {
      err(`staff: ${e.code}: ${e.message}`)
      return 1
    }
    throw e
  } finally {
    await store.close()
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)
if (isMain) {
  runStaffCli(
    process.argv.slice(2),
    dataDirFromEnv(),
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  ).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`staff: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exit(1)
    },
  )
}
