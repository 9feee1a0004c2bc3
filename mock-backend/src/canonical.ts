/**
 * Canonical JSON (sorted keys) and its hash: two deliveries of the same record hash the same
 * however the client ordered its keys.
 *
 * Hot path (every record of every batch): the text is built by plain string concatenation and hashed
 * with the one-shot `crypto.hash`. The output is byte-for-byte what the first version produced
 * (`Object.entries` + sort + `JSON.stringify` per member), so hashes stored by older servers still
 * match replays — tests/unit/backend-ingest-canonical.test.ts checks both against each other.
 */
import { hash } from 'node:crypto'

function write(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i])
    return `${out}]`
  }
  const object = value as Record<string, unknown>
  // Default sort compares UTF-16 code units, the same order as `a < b`.
  const keys = Object.keys(object).sort()
  let out = '{'
  let first = true
  for (const key of keys) {
    const member = object[key]
    if (member === undefined) continue
    out += `${first ? '' : ','}${JSON.stringify(key)}:${write(member)}`
    first = false
  }
  return `${out}}`
}

/** JSON with object keys sorted recursively; undefined members are dropped like JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return write(value)
}

/** SHA-256 hex of the canonical JSON. */
export function payloadHash(value: unknown): string {
  return hash('sha256', write(value), 'hex')
}
