/** Strings of the counter quarantine (计数隔离, ops console) and of the counter reset (admin console), Chinese first. */
const zh = {
  title: '计数隔离',
  intro: (bound: string) =>
    `终端上报的单项计数超过 ${bound} 时不计入报表，暂存于此。若终端计数异常，请管理员在管理后台“重置终端计数”中重置该终端当天的计数。`,
  reload: '刷新',
  none: '暂无被隔离的计数',
  loadFailed: '计数隔离加载失败',
  col: {
    terminal: '终端',
    day: '日期',
    item: '事项编码',
    metric: '指标',
    value: '上报值',
    times: '次数',
    lastAt: '最近上报',
  },
  sessionItem: '（服务人次）',
  // Admin console: the reset form.
  resetTitle: '重置终端计数',
  resetIntro:
    '把一台终端某一天的计数清零。终端之后再同步同样的数值不会恢复它们，只计入重置之后新增的次数。计数隔离中该终端当天的记录一并清除。',
  resetTerminal: '终端',
  resetDay: '日期（年-月-日）',
  resetSubmit: '重置计数',
  resetDone: (name: string, day: string, reset: number) => `已重置 ${name} 在 ${day} 的 ${reset} 项计数`,
  resetFailed: '重置失败',
  dayInvalid: '日期无效，请使用 年-月-日 格式',
  chooseTerminal: '请选择终端',
}

/** English strings, same keys. */
const en: typeof zh = {
  title: 'Counter quarantine',
  intro: (bound) =>
    `A counter a terminal reports above ${bound} is kept out of the reports and held here. If a terminal's counts are wrong, ask an admin to reset that terminal's day under "Reset a terminal's counters" in the admin console.`,
  reload: 'Refresh',
  none: 'No quarantined counters',
  loadFailed: 'Could not load the counter quarantine',
  col: {
    terminal: 'Terminal',
    day: 'Day',
    item: 'Item code',
    metric: 'Metric',
    value: 'Value sent',
    times: 'Times',
    lastAt: 'Last sent',
  },
  sessionItem: '(residents served)',
  resetTitle: "Reset a terminal's counters",
  resetIntro:
    "Sets one terminal's counters of one day back to zero. When the terminal syncs the same values again they stay reset; only what it counts after the reset is added. That day's quarantine entries of the terminal are cleared too.",
  resetTerminal: 'Terminal',
  resetDay: 'Day (YYYY-MM-DD)',
  resetSubmit: 'Reset counters',
  resetDone: (name, day, reset) => `Reset ${reset} counter(s) of ${name} on ${day}`,
  resetFailed: 'Reset failed',
  dayInvalid: 'Invalid day: use YYYY-MM-DD',
  chooseTerminal: 'Choose a terminal',
}

/** Both dictionaries, for `useMessages(counterMessages)` in the ops and admin consoles. */
export const counterMessages = { zh, en }
