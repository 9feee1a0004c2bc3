/** Strings of the ops console's 帮办 figures panel, Chinese first. */

const zh = {
  title: '视频帮办',
  intro: '每天每台终端的呼叫数、接听率和接听前的等待时间中位数',
  none: '所选时段没有帮办呼叫',
  loadFailed: '帮办数据加载失败',
  day: '日期',
  terminal: '终端',
  calls: '呼叫数',
  answered: '已接听',
  answeredShare: '接听率',
  medianWait: '等待中位数',
  seconds: (s: number) => `${s.toFixed(1)} 秒`,
}

const en: typeof zh = {
  title: 'Video help',
  intro: 'Calls per day and terminal, the share answered, and the median wait before an answer',
  none: 'No help calls in this range',
  loadFailed: 'Could not load the help figures',
  day: 'Day',
  terminal: 'Terminal',
  calls: 'Calls',
  answered: 'Answered',
  answeredShare: 'Answered share',
  medianWait: 'Median wait',
  seconds: (s) => `${s.toFixed(1)} s`,
}

/** Both dictionaries, for `useMessages(helpFiguresMessages)`. */
export const helpFiguresMessages = { zh, en }
