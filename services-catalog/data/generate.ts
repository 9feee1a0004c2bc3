/**
 * Builds the default catalog from the terse department tables in ./items, validates it with the
 * schema and (when run directly) writes ./catalog.json:
 *   node --import tsx services-catalog/data/generate.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bringGuide } from '../src/bringGuide'
import {
  Catalog,
  type CatalogInput,
  HARDWARE,
  type Hardware,
  IDENTIFICATIONS,
  type Identification,
  type IdentityMethod,
  type ItemKind,
  type ServiceItemInput,
  SOCIAL_CARD_DEPARTMENTS,
} from '../src/schema'
import type { DepartmentTable, Pair, Row } from './items/builders'
import { departmentTables } from './items/index'

const KIND_ABBR: Record<ItemKind, string> = { 查询: 'CX', 打印: 'DY', 申办: 'SB', 预约: 'YY', 缴费: 'JF' }

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** What the resident does with each identification, as the guide says it. */
const IDENTIFY_ACTS: Record<Identification, Pair> = {
  身份证: ['刷身份证', 'swipe your ID card'],
  社保卡: ['插入社保卡', 'insert your social security card'],
  电子身份证: ['出示粤省事电子身份证', 'show your Yueshengshi e-ID code'],
}

/** How the resident identifies, as a phrase ("刷身份证或插入社保卡核验身份" / "swipe your ID card or insert …"). */
function identityPhrase(identity: readonly IdentityMethod[]): Pair {
  // Any one of the identifications; 人脸 is checked on top of it.
  const acts = IDENTIFICATIONS.filter((m) => identity.includes(m)).map((m) => IDENTIFY_ACTS[m])
  const face = identity.includes('人脸')
  return [
    `${acts.map(([zh]) => zh).join('或')}核验身份${face ? '并完成人脸识别' : ''}`,
    `${acts.map(([, en]) => en).join(' or ')}${face ? ' and pass the face check' : ''}`,
  ]
}

/**
 * The identifications an item accepts when its row does not say: 身份证 always; the 社保卡 too for 人社 and 医保; and
 * the 粤省事 电子身份证 wherever the resident only looks up, prints or pays for their own records (查询, 打印, 缴费),
 * as real terminals accept it there. Rows with a face check or another explicit list keep theirs.
 */
function acceptedIdentity(table: DepartmentTable, row: Row): IdentityMethod[] {
  if (row.identity) return [...row.identity]
  const identity: IdentityMethod[] = ['身份证']
  if ((SOCIAL_CARD_DEPARTMENTS as readonly string[]).includes(table.code)) identity.push('社保卡')
  if (row.kind === '查询' || row.kind === '打印' || row.kind === '缴费') identity.push('电子身份证')
  return identity
}

function summary(row: Row, identity: IdentityMethod[], days: number): Pair {
  const [idZh, idEn] = identityPhrase(identity)
  const anon = identity.length === 0
  let zh: string
  let en: string
  switch (row.kind) {
    case '查询':
      zh = anon
        ? '无需身份认证，按提示输入条件即可查询，结果即时显示在屏幕上；本事项免费。'
        : `${idZh}后，屏幕即时显示查询结果；本事项免费。`
      en = anon
        ? 'No identification needed: enter what you are looking for and the result appears on screen. Free of charge.'
        : `${capital(idEn)}; the result appears on screen at once. Free of charge.`
      break
    case '打印':
      zh = `${anon ? '' : `${idZh}后，`}终端即时打印，请从出纸口取走打印件；本事项免费。`
      en = `${anon ? 'The' : `${capital(idEn)}; the`} terminal prints the document at once: take it from the output slot. Free of charge.`
      break
    case '申办': {
      const scan = row.scan ? '、扫描上传材料' : ''
      const scanEn = row.scan ? ', scan your documents' : ''
      const when = days === 0 ? '即时办结' : `承诺 ${days} 个工作日内办结`
      const whenEn =
        days === 0
          ? 'it is done on the spot'
          : `it is completed within ${days} working day${days === 1 ? '' : 's'}`
      const sms = row.needsPhone === false ? '' : '，结果以短信通知'
      const smsEn = row.needsPhone === false ? '' : ', and the result is sent to you by SMS'
      const form = row.fields?.length ? `填写申请信息${scan}后提交` : `确认信息${scan}后提交`
      const formEn = row.fields?.length
        ? `fill in the form${scanEn} and submit`
        : `confirm the details${scanEn} and submit`
      zh = `${anon ? '' : `${idZh}，`}${form}，${when}${sms}。`
      en = `${anon ? capital(formEn) : `${capital(idEn)}, ${formEn}`}; ${whenEn}${smsEn}.`
      break
    }
    case '预约':
      zh = '选择日期和时段提交预约，成功后以短信通知；请按预约时间携带材料到窗口办理。'
      en =
        'Choose a date and time slot; an SMS confirms the booking. Bring your documents to the counter at the booked time.'
      break
    case '缴费':
      // The amount due (premium, tax, fine, bill) comes first: it is what the resident pays, not a fee.
      zh = `${row.due?.[0] ?? ''}${anon ? '' : `${idZh}后，`}核对缴费信息，用微信、支付宝或云闪付扫码支付，可打印缴费凭证。`
      en = `${row.due ? `${row.due[1]} ` : ''}${anon ? 'Check' : `${capital(idEn)}, check`} the details and pay by scanning the QR code with WeChat Pay, Alipay or UnionPay; a receipt can be printed.`
      break
  }
  if (!row.about) return [zh, en]
  return [`${row.about[0]}${zh}`, `${row.about[1]} ${en}`]
}

function eligibility(row: Row, identity: IdentityMethod[]): Pair {
  if (row.who) return row.who
  if (row.objects && !row.objects.includes('自然人'))
    return [
      '企业、个体工商户等市场主体的法定代表人（负责人）或经授权的经办人。',
      'The legal representative of a business, or a staff member it authorises.',
    ]
  if (identity.length === 0)
    return ['所有人均可使用，无需身份认证。', 'Open to everyone; no identification needed.']
  switch (row.kind) {
    case '查询':
      return ['本人办理，只能查询本人信息。', 'For yourself only: you can see only your own records.']
    case '打印':
      return [
        '本人办理，只能打印本人的证明材料。',
        'For yourself only: you can print only your own documents.',
      ]
    case '申办':
      return [
        '符合办理条件的本人，持有效居民身份证办理。',
        'Residents who meet the conditions, with a valid ID card.',
      ]
    case '预约':
      return ['需要到窗口办理该业务的群众。', 'Anyone who needs to handle this at a service counter.']
    case '缴费':
      return ['缴费人本人，持有效居民身份证办理。', 'The payer in person, with a valid ID card.']
  }
}

function hardwareFor(row: Row, identity: IdentityMethod[]): Hardware[] {
  const need = new Set<Hardware>()
  if (row.kind === '打印' || row.kind === '缴费') need.add('打印机')
  if (identity.includes('身份证')) need.add('身份证读卡器')
  if (identity.includes('社保卡')) need.add('社保卡读卡器')
  if (identity.includes('电子身份证')) need.add('扫码器')
  if (identity.includes('人脸')) need.add('摄像头')
  if (row.scan) need.add('高拍仪')
  return HARDWARE.filter((h) => need.has(h))
}

/** Turns one table row into a full catalog item; `seq` numbers items per department and kind. */
export function buildItem(table: DepartmentTable, row: Row, seq: number, index: number): ServiceItemInput {
  const identity = acceptedIdentity(table, row)
  const queued = row.kind === '申办' || row.kind === '预约'
  const needsPhone = row.needsPhone ?? queued
  const days = row.days ?? 0
  const [summaryZh, summaryEn] = summary(row, identity, days)
  const [whoZh, whoEn] = eligibility(row, identity)
  return {
    code: `${table.abbr}-${KIND_ABBR[row.kind]}-${String(seq).padStart(4, '0')}`,
    name: { zh: row.zh, en: row.en },
    aliases: row.aliases ?? [],
    keywords: row.keywords ?? [],
    department: table.code,
    theme: row.theme ?? table.theme,
    serviceObject: row.objects ?? ['自然人'],
    kind: row.kind,
    identity,
    servedFor: row.servedFor ?? ['本人'],
    needsPhone,
    hardware: hardwareFor(row, identity),
    timeLimit: { days, unit: '工作日' },
    fee: row.fee ? { charged: true, standard: { zh: row.fee[0], en: row.fee[1] } } : { charged: false },
    materials: row.materials ?? [],
    guide: {
      summary: { zh: summaryZh, en: summaryEn },
      eligibility: { zh: whoZh, en: whoEn },
      bring: bringGuide({
        identity,
        needsPhone,
        paysByQr: row.kind === '缴费',
        scan: row.scan,
        extra: row.bring && { zh: row.bring[0], en: row.bring[1] },
      }),
    },
    fields: row.fields ?? [],
    network: row.network ?? (queued ? '可离线' : '仅联网'),
    status: row.off ? '无效' : '有效',
    hot: row.hot ?? false,
    sort: (index + 1) * 10,
    groups: row.groups ?? (row.scan ? ['town-centre'] : []),
  }
}

/** The default catalog in its authored (JSON) form, departments and items in terminal order. */
export function buildDefaultCatalog(): CatalogInput {
  const items: ServiceItemInput[] = []
  for (const table of departmentTables) {
    // Codes number each kind in table order; the terminal order puts the hot items first.
    const seqByKind = new Map<ItemKind, number>()
    const built = table.rows.map((row) => {
      const seq = (seqByKind.get(row.kind) ?? 0) + 1
      seqByKind.set(row.kind, seq)
      return { row, seq }
    })
    const ordered = [...built.filter((b) => b.row.hot), ...built.filter((b) => !b.row.hot)]
    ordered.forEach(({ row, seq }, index) => {
      items.push(buildItem(table, row, seq, index))
    })
  }
  return {
    schemaVersion: 1,
    departments: departmentTables.map((t, i) => ({
      code: t.code,
      name: { zh: t.zh, en: t.en },
      sort: (i + 1) * 10,
    })),
    items,
  }
}

/** Where the generated file lives, next to this script. */
export const CATALOG_JSON_PATH = fileURLToPath(new URL('./catalog.json', import.meta.url))

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const catalog = Catalog.parse(buildDefaultCatalog())
  writeFileSync(CATALOG_JSON_PATH, `${JSON.stringify(catalog, null, 2)}\n`)
  console.log(
    `wrote ${catalog.items.length} items in ${catalog.departments.length} departments to ${CATALOG_JSON_PATH}`,
  )
}
