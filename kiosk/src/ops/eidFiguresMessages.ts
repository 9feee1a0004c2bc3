/** Strings of the ops console's 电子身份证 panel, Chinese first. */

const zh = {
  title: '电子身份证核验',
  intro: '每天各区县终端出示的粤省事电子身份证二维码：核验通过，以及因伪造、过期或重复使用被拒绝的次数',
  none: '所选时段没有电子身份证核验',
  loadFailed: '电子身份证核验数据加载失败',
  day: '日期',
  district: '区县',
  accepted: '通过',
  forged: '伪造',
  expired: '过期',
  replayed: '重复使用',
}

const en: typeof zh = {
  title: 'E-ID checks',
  intro:
    'Yueshengshi e-ID codes shown at terminals per day and district: accepted, and refused as forged, expired or already used',
  none: 'No e-ID checks in this range',
  loadFailed: 'Could not load the e-ID checks',
  day: 'Day',
  district: 'District',
  accepted: 'Accepted',
  forged: 'Forged',
  expired: 'Expired',
  replayed: 'Used again',
}

/** Both dictionaries, for `useMessages(eidFiguresMessages)`. */
export const eidFiguresMessages = { zh, en }
