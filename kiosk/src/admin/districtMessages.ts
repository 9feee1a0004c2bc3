/** Strings of the district catalog page (本区县事项, #15), Chinese first; beside the admin dictionary. */
const zh = {
  nav: '本区县事项',
  title: '本区县事项',
  intro:
    '在全省事项清单之上，本区县可以新增自己的事项，也可以撤下不在本区县办理的全省事项。只有本区县的终端看得到这些变化。',
  current: (v: number, p: number) =>
    v === 0 ? `尚未发布本区县事项（全省清单第 ${p} 版）` : `当前为本区县第 ${v} 版（全省清单第 ${p} 版）`,
  additionsTitle: '本区县新增事项',
  noAdditions: '没有新增事项',
  additionsIntro:
    '上传新增事项文件（格式与全省事项清单相同：JSON 或 CSV，UTF-8 或 GB18030），编码不得与全省事项相同。',
  chosenFile: (name: string) => `待发布的新增事项文件：${name}`,
  keepAdditions: '沿用当前的新增事项',
  clearAdditions: '不再新增任何事项',
  additionsCleared: '待发布：不新增任何事项',
  shadowed: (codes: string) => `以下新增事项的编码已被全省清单使用，终端显示的是全省事项：${codes}`,
  lapsed: (codes: string) => `以下撤下的事项已不在全省清单中，撤下不再起作用：${codes}`,
  withdrawalsTitle: '撤下的全省事项',
  withdrawalsIntro: '勾选本区县不办理的全省事项，本区县的终端将不再显示它们。',
  filter: '按名称或编码筛选',
  withdrawnCount: (n: number, total: number) => `已勾选 ${n} 项，共 ${total} 项`,
  check: '校验并比较差异',
  checking: '正在校验…',
  checkOk: (a: number, w: number) => `校验通过：新增 ${a} 项，撤下 ${w} 项`,
  withdrawn: '新撤下的事项',
  restored: '恢复显示的事项',
  publishConfirmBody: '发布后，本区县的终端在下次联网时更新事项清单。',
  published: (v: number) => `已发布本区县第 ${v} 版`,
  versionsTitle: '本区县版本记录',
  col: {
    version: '版本',
    publishedAt: '发布时间',
    publishedBy: '发布人',
    note: '备注',
    additions: '新增',
    withdrawals: '撤下',
    status: '状态',
    action: '操作',
  },
  rolledBack: (from: number, to: number) => `已回滚至第 ${from} 版的内容，成为第 ${to} 版`,
}

/** English strings, same keys. */
const en: typeof zh = {
  nav: 'District items',
  title: 'District items',
  intro:
    'On top of the province catalog, the district may add items of its own and withdraw province items it does not offer. Only the district’s terminals see these changes.',
  current: (v, p) =>
    v === 0
      ? `No district items published yet (province catalog version ${p})`
      : `District version ${v} is in force (province catalog version ${p})`,
  additionsTitle: 'Items the district adds',
  noAdditions: 'No items added',
  additionsIntro:
    'Upload the added items (same format as the province catalog: JSON or CSV, UTF-8 or GB18030); their codes must differ from the province items’.',
  chosenFile: (name) => `Added items to publish: ${name}`,
  keepAdditions: 'Keep the current added items',
  clearAdditions: 'Add no items',
  additionsCleared: 'To publish: no added items',
  shadowed: (codes) =>
    `The province catalog now uses these added items’ codes; terminals show the province items: ${codes}`,
  lapsed: (codes) =>
    `These withdrawn items are no longer in the province catalog, so withdrawing them has no effect: ${codes}`,
  withdrawalsTitle: 'Province items withdrawn',
  withdrawalsIntro: 'Tick the province items the district does not offer; its terminals stop showing them.',
  filter: 'Filter by name or code',
  withdrawnCount: (n, total) => `${n} of ${total} ticked`,
  check: 'Validate and compare',
  checking: 'Validating…',
  checkOk: (a, w) => `Valid: ${a} added, ${w} withdrawn`,
  withdrawn: 'Newly withdrawn',
  restored: 'Shown again',
  publishConfirmBody:
    'Once published, the district’s terminals update their catalog when they next go online.',
  published: (v) => `District version ${v} published`,
  versionsTitle: 'District versions',
  col: {
    version: 'Version',
    publishedAt: 'Published',
    publishedBy: 'By',
    note: 'Note',
    additions: 'Added',
    withdrawals: 'Withdrawn',
    status: 'Status',
    action: 'Action',
  },
  rolledBack: (from, to) => `Rolled back to version ${from}’s content, now version ${to}`,
}

/** The district catalog page's dictionary. */
export const districtMessages = { zh, en }
