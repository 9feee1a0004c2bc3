/** Strings of the admin console's 帮办 contact form (per terminal), Chinese first. */
import { NO_ANSWER_SECONDS } from '../../../mock-backend/src/contract/helpDeskRules'

const zh = {
  title: '视频帮办：无人接听时的联系信息',
  intro: `无人接听（${NO_ANSWER_SECONDS.default} 秒内）、非服务时间或终端离线时，终端显示这些信息并可登记回电。`,
  terminal: '终端',
  phone: '服务电话',
  days: '服务日',
  dayNames: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  from: '开始时间',
  to: '结束时间',
  hallName: '最近的办事大厅',
  hallAddress: '大厅地址',
  noAnswer: '无人接听等待（秒）',
  noAnswerHint: `${NO_ANSWER_SECONDS.min}–${NO_ANSWER_SECONDS.max} 秒，默认 ${NO_ANSWER_SECONDS.default} 秒`,
  save: '保存联系信息',
  saved: (name: string) => `已保存“${name}”的联系信息，终端下次联网时生效`,
}

const en: typeof zh = {
  title: 'Video help: contact when nobody answers',
  intro: `When nobody answers (within ${NO_ANSWER_SECONDS.default} s by default), out of hours or offline, the terminal shows this and offers a call-back.`,
  terminal: 'Terminal',
  phone: 'Phone',
  days: 'Open on',
  dayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  from: 'Opens',
  to: 'Closes',
  hallName: 'Nearest service hall',
  hallAddress: 'Hall address',
  noAnswer: 'Ring before giving up (s)',
  noAnswerHint: `${NO_ANSWER_SECONDS.min}–${NO_ANSWER_SECONDS.max} s, default ${NO_ANSWER_SECONDS.default} s`,
  save: 'Save contact',
  saved: (name) => `Saved the contact of “${name}”; the terminal uses it from its next heartbeat`,
}

/** Both dictionaries, for `useMessages(helpContactMessages)`. */
export const helpContactMessages = { zh, en }
