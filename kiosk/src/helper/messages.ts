/** Helper console (帮办坐席) strings, Chinese first. */

const zh = {
  title: '帮办坐席',
  queue: '等待接听',
  queueEmpty: '暂无等待中的呼叫',
  connecting: '正在连接呼叫服务…',
  disconnected: '与呼叫服务的连接已断开，正在重试…',
  terminal: '终端',
  location: '位置',
  waited: '已等待',
  seconds: (s: number) => (s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`),
  answer: '接听',
  hangUp: '挂断',
  inCall: (terminal: string) => `正在与“${terminal}”的群众通话`,
  localVideo: '我的画面',
  remoteVideo: '群众画面',
  ended: '通话已结束',
  taken: '该呼叫已被其他坐席接听或已结束',
  mediaFailed: '无法打开摄像头或麦克风，请检查浏览器权限',
}

const en: typeof zh = {
  title: 'Help desk',
  queue: 'Waiting calls',
  queueEmpty: 'No one is waiting',
  connecting: 'Connecting to the call service…',
  disconnected: 'Lost the call service; retrying…',
  terminal: 'Terminal',
  location: 'Location',
  waited: 'Waiting',
  seconds: (s) => (s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`),
  answer: 'Answer',
  hangUp: 'Hang up',
  inCall: (terminal) => `In a call with the resident at “${terminal}”`,
  localVideo: 'My camera',
  remoteVideo: 'Resident',
  ended: 'The call ended',
  taken: 'Another helper answered this call, or it ended',
  mediaFailed: 'Could not open the camera or microphone: check the browser’s permissions',
}

/** Both dictionaries, for `useMessages(helperMessages)`. */
export const helperMessages = { zh, en }
