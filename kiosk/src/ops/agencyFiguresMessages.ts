/** Strings of the ops console's 代办 panel, Chinese first. */

const zh = {
  title: '代办占比',
  intro: '所选时段内各事项的办件中，由经办人为家人或他人代为办理的比例',
  none: '所选时段没有办件',
  loadFailed: '代办数据加载失败',
  item: '事项',
  records: '办件量',
  family: '为家人',
  others: '为他人',
  share: '代办占比',
}

const en: typeof zh = {
  title: 'Served by an agent',
  intro:
    'Per item, the share of records in this range that a resident did for a family member or for someone else',
  none: 'No records in this range',
  loadFailed: 'Could not load the agent figures',
  item: 'Item',
  records: 'Records',
  family: 'For family',
  others: 'For others',
  share: 'Agent share',
}

/** Both dictionaries, for `useMessages(agencyFiguresMessages)`. */
export const agencyFiguresMessages = { zh, en }
