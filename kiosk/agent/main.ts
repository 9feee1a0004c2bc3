/**
 * `npm run agent -- [--simulate] [--pair CODE]`: the terminal's device agent. Reads its configuration, starts, and
 * stops cleanly on SIGTERM/SIGINT.
 */
import { startAgent } from './agent'
import { parseAgentConfig } from './config'

const log = (line: string) => console.log(`[agent] ${line}`)

try {
  const agent = await startAgent(parseAgentConfig(process.argv.slice(2), process.env), log)
  const stop = () => {
    agent.close().then(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
} catch (error) {
  console.error(`[agent] cannot start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
