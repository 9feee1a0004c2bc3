/**
 * The one problem a refused signalling message is answered with. A message that names its `type` but fails that
 * type's shape is described by that shape's first problem (zod reports some such failures as "Invalid input" of
 * the whole union), so the sender learns which field was wrong: `mirror.elements: elements: at most 160`.
 */
import type { ZodError } from 'zod'

/** Zod's issue shape, as far as this reads it (a union's issue carries each branch's issues). */
interface Issue {
  code: string
  path: PropertyKey[]
  message: string
  errors?: Issue[][]
}

/** The error text for a message that failed its schema. */
export function messageProblem(error: ZodError): string {
  let issue = error.issues[0] as Issue | undefined
  while (issue?.code === 'invalid_union' && issue.errors) {
    // The branch whose `type` matched is the message the sender meant.
    const meant = issue.errors.filter((branch) => !branch.some((i) => i.path[0] === 'type'))
    if (meant.length !== 1 || !meant[0]?.[0]) break
    issue = meant[0][0]
  }
  return `bad message: ${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`
}
