/**
 * Chinese (简体) screen text: the source of every message key, so English must translate each one. It lives in
 * two parts so the entry chunk carries only what the attract screen shows: zhShell.ts (before the first tap)
 * and zhSession.ts (loaded at the first tap). This whole dictionary is for tests and tools.
 */
import { zhSession } from './zhSession'
import { zhShell } from './zhShell'

/** Every Chinese message, both parts. */
export const zh = { ...zhShell, ...zhSession } as const

/** Every message key; the English dictionary must provide each of them. */
export type MessageKey = keyof typeof zh
