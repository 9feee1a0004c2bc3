/**
 * The district's 2023 figures, stated once. Source: 源城区政务服务数据管理局《2023年法治政府建设年度报告》
 * (2024-02-08, /work/shared/context/seed-2023-annual-report.zh.txt), 四(六)三: "部署'粤智助'政府服务自助机85台，
 * 可办理……共计240项服务事项，2023年度累计服务群众21763人次，办理业务113212宗".
 */

/** 自助机85台: the district's terminals. */
export const DISTRICT_TERMINALS = 85
/** 240项服务事项: items the terminals offer (the default catalog holds 240+ active ones). */
export const DISTRICT_ITEMS = 240
/** 累计服务群众21763人次: the pool of residents whose identities the year's transactions carry. */
export const DISTRICT_RESIDENTS = 21_763
/** 办理业务113212宗: transactions through the terminals in the year. */
export const DISTRICT_TRANSACTIONS = 113_212
/** The report's year. */
export const DISTRICT_YEAR = 2023
/** 源城区's administrative division code: the first six digits of its residents' ID numbers. */
export const DISTRICT_DIVISION_CODE = '441602'
