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

/*
 * 好差评 and 效能监督, all channels together (terminals, the service hall's windows, the online portal). Source: the
 * same report, 四(五): "2023年在广东政务服务网'好差评'模块共产生办件58072件，共收到评价56547条，评价覆盖度97.37%；
 * 共收到好评56542条，好评率99.99%；共收到差评5条，差评整改率100%……全区共出现黄牌业务17宗（其中区卫健局9宗、
 * 区市场监督管理局7宗、区住建局1宗）".
 */

/** 办件58072件: cases of every channel in the year (the terminals' 申办/预约 transactions and the rest by intake). */
export const DISTRICT_CASES = 58_072
/** 评价56547条: rated cases (coverage 97.37%). */
export const DISTRICT_RATINGS = 56_547
/** 差评5条: bad ratings (levels 1–2), every one followed up and closed (整改率100%). */
export const DISTRICT_BAD_RATINGS = 5
/** 黄牌业务17宗, by department code of the default catalog: 卫健局 (health), 市场监管局 (market), 住建局 (housing). */
export const DISTRICT_YELLOW_CARDS: Readonly<Record<string, number>> = { health: 9, market: 7, housing: 1 }
