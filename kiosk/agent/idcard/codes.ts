/**
 * The code tables of the card's text block: sex (GB/T 2261.1) and nation (GB 3304, 01–56 plus 97 and 98), so the
 * agent hands the page words rather than codes.
 */

/** Sex codes to their names. */
export const SEX_CODES: Readonly<Record<string, string>> = {
  '0': '未知',
  '1': '男',
  '2': '女',
  '9': '未说明',
}

const NATIONS = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
] as const

/** Nation codes ('01'…'56', '97', '98') to their names. */
export const NATION_CODES: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(NATIONS.map((name, i) => [String(i + 1).padStart(2, '0'), name])),
  '97': '其他',
  '98': '外国血统中国籍人士',
})

/** The code of a name in a table (for the simulator, which writes codes onto its demo cards). */
export function codeOf(table: Readonly<Record<string, string>>, name: string): string {
  const entry = Object.entries(table).find(([, value]) => value === name)
  if (!entry) throw new Error(`no code for "${name}"`)
  return entry[0]
}
