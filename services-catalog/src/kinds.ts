/**
 * The item kinds (办理类型) and which of them become cases, free of zod so the kiosk can import them at
 * run time without growing its bundle. The catalog schema and the wire contract both import them.
 */

/** 办理类型: what the resident gets at the end of the flow. */
export const ITEM_KINDS = ['查询', '打印', '申办', '预约', '缴费'] as const
/** One item kind. */
export type ItemKind = (typeof ITEM_KINDS)[number]

/** 申办 and 预约 become cases (办件) at the service centre; 查询, 打印 and 缴费 are finished at the terminal. */
export const CASE_KINDS: ReadonlySet<string> = new Set<ItemKind>(['申办', '预约'])
