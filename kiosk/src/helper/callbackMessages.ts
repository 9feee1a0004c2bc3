/** Strings of the helper console's call-back tasks (回电任务), Chinese first. */
import type { CallbackOutcome } from '../../../mock-backend/src/contract/helpDeskRules'

const zh = {
  title: '回电任务',
  reload: '刷新',
  none: '暂无回电任务',
  loadFailed: '回电任务加载失败',
  terminal: '终端',
  requestedAt: '登记时间',
  item: '事项',
  phone: '回电号码',
  status: '状态',
  actions: '操作',
  open: '待接手',
  takenBy: (who: string) => `${who} 已接手`,
  take: '接手',
  showNumber: '查看完整号码',
  purged: '号码已按规定删除',
  closeAs: { called_back: '已回电', unreachable: '无法接通' } satisfies Record<CallbackOutcome, string>,
  closed: (outcome: string) => `已关闭：${outcome}`,
  failed: '操作失败',
}

const en: typeof zh = {
  title: 'Call-back tasks',
  reload: 'Reload',
  none: 'No call-back tasks',
  loadFailed: 'Could not load the call-back tasks',
  terminal: 'Terminal',
  requestedAt: 'Asked at',
  item: 'Service',
  phone: 'Number',
  status: 'Status',
  actions: 'Actions',
  open: 'Open',
  takenBy: (who) => `Taken by ${who}`,
  take: 'Take',
  showNumber: 'Show the full number',
  purged: 'Number deleted (retention)',
  closeAs: { called_back: 'Called back', unreachable: 'Unreachable' },
  closed: (outcome) => `Closed: ${outcome}`,
  failed: 'That did not work',
}

/** Both dictionaries, for `useMessages(callbackMessages)`. */
export const callbackMessages = { zh, en }
