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

/**
 * 办件渠道: where a case was taken. The 好差评 and 效能监督 figures cover every channel; terminals take 自助终端
 * cases, the service hall's window system and the online portal submit theirs through the intake API.
 */
export const CASE_CHANNELS = ['自助终端', '窗口', '网上'] as const
/** One case channel. */
export type CaseChannel = (typeof CASE_CHANNELS)[number]
/** The channel of every case a terminal opens. */
export const TERMINAL_CHANNEL: CaseChannel = '自助终端'
/** The channels other systems submit cases for through the intake API (not the terminals'). */
export const INTAKE_CHANNELS: readonly CaseChannel[] = CASE_CHANNELS.filter((c) => c !== TERMINAL_CHANNEL)

/**
 * Whether an item can only be served online: its catalog entry says 仅联网, or it is a 缴费, which is paid at the
 * payment gateway before its record exists (a catalog's 可离线 cannot make a payment work offline).
 */
export const needsNetwork = (item: { kind: string; network: string }): boolean =>
  item.network === '仅联网' || item.kind === '缴费'

/**
 * 身份认证方式 beyond "无" (an empty list means no identification). The resident identifies by any ONE of the
 * identifications (身份证 on the reader or typed, 社保卡 with its PIN, the 电子身份证 QR code of 粤省事); 人脸 is an
 * added check against the identified person, never an identification by itself.
 */
export const IDENTITY_METHODS = ['身份证', '社保卡', '电子身份证', '人脸'] as const
/** The identity methods that identify the resident by themselves (人脸 only checks the one identified). */
export const IDENTIFICATIONS = ['身份证', '社保卡', '电子身份证'] as const
/** One identity method of the catalog. */
export type IdentityMethod = (typeof IDENTITY_METHODS)[number]
/** One identification (人脸 is not one). */
export type Identification = (typeof IDENTIFICATIONS)[number]

/**
 * 为谁办理: who an item may serve. 本人 is the identified resident; 家人 are members of their household register
 * (户籍家庭成员); 他人 is anyone else, served by the resident as an agent with a signed 委托书 (a material then).
 */
export const SERVED_FOR = ['本人', '家人', '他人'] as const
/** One answer to 为谁办理. */
export type ServedFor = (typeof SERVED_FOR)[number]
