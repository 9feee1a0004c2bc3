/** Which item kinds become a case (办件) at the service centre; shared by the bridge and the case side. */

/** 申办 and 预约 are cases; 查询, 打印 and 缴费 are finished at the terminal. */
export const CASE_KINDS: ReadonlySet<string> = new Set(['申办', '预约'])
