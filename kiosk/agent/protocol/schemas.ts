/**
 * zod schemas for what the agent receives, so a malformed request gets invalidParams with the problem named.
 * Agent side only: the kiosk imports messages.ts, which has no zod.
 */
import { z } from 'zod'
import {
  type AgentMethod,
  BANK_CARD_MAX_WAIT_MS,
  ID_CARD_FIELDS,
  JSONRPC,
  QR_SCAN_MAX_WAIT_MS,
  SOCIAL_CARD_FIELDS,
} from './messages'

/** The envelope of every request. */
export const requestEnvelope = z.object({
  jsonrpc: z.literal(JSONRPC),
  id: z.union([z.number().int(), z.string().min(1).max(64)]),
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
})

const empty = z.object({}).strict()

/** The params of each method. */
export const methodParams = {
  'agent.pair': z
    .object({ secret: z.string().min(8).max(256), previous: z.string().min(8).max(256).optional() })
    .strict(),
  'devices.list': empty,
  'idCard.read': z
    .object({ fields: z.array(z.enum(ID_CARD_FIELDS)).min(1).max(ID_CARD_FIELDS.length) })
    .strict(),
  'printer.print': z
    .object({
      device: z.enum(['receiptPrinter', 'documentPrinter']),
      document: z
        .object({
          title: z.string().max(200),
          lines: z.array(z.string().max(400)).max(200),
          qr: z.string().min(1).max(500).optional(),
        })
        .strict(),
    })
    .strict(),
  'camera.documentCamera': empty,
  'qrReader.scan': z.object({ waitMs: z.number().int().min(100).max(QR_SCAN_MAX_WAIT_MS) }).strict(),
  'socialCard.read': z
    .object({
      fields: z.array(z.enum(SOCIAL_CARD_FIELDS)).min(1).max(SOCIAL_CARD_FIELDS.length),
      pin: z
        .string()
        .regex(/^\d{6}$/, 'a 社保卡 PIN is 6 digits')
        .optional(),
    })
    .strict(),
  'bankCard.read': z.object({ waitMs: z.number().int().min(100).max(BANK_CARD_MAX_WAIT_MS) }).strict(),
  'bankCard.handBack': z.object({ waitMs: z.number().int().min(100).max(BANK_CARD_MAX_WAIT_MS) }).strict(),
} satisfies Record<AgentMethod, z.ZodType>

/** Names the first problem of a zod failure in one line (path and message). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  return `${issue.path.length > 0 ? issue.path.join('.') : 'params'}: ${issue.message}`
}
