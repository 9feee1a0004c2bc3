/** Strings shared by both staff consoles (login, session, errors), Chinese first. */
const zh = {
  skipToMain: '跳到主要内容',
  username: '用户名',
  password: '密码',
  login: '登录',
  loggingIn: '正在登录…',
  loginTitle: '工作人员登录',
  logout: '退出登录',
  loggedInAs: (name: string) => `当前用户：${name}`,
  serves: (division: string) => `管辖范围：${division}`,
  switchLang: 'English',
  switchLangLabel: 'Switch to English',
  checkingSession: '正在检查登录状态…',
  badCredentials: '用户名或密码错误',
  tooManyAttempts: (seconds: number) => `尝试次数过多，请 ${seconds} 秒后再试`,
  wrongRole: '此账号无权使用本控制台',
  otherRole: (name: string) => `当前登录的账号“${name}”无权使用本控制台，请换用有权限的账号登录`,
  sessionExpired: '登录已失效，请重新登录',
  networkError: '无法连接服务器，请检查网络后重试',
  forbidden: '没有权限执行此操作',
  serverError: (detail: string) => `操作失败：${detail}`,
  loading: '加载中…',
  cancel: '取消',
  confirm: '确定',
  close: '关闭',
  yes: '是',
  no: '否',
  none: '无',
  dash: '—',
}

/** English strings, same keys as the Chinese ones. */
const en: typeof zh = {
  skipToMain: 'Skip to main content',
  username: 'Username',
  password: 'Password',
  login: 'Log in',
  loggingIn: 'Logging in…',
  loginTitle: 'Staff login',
  logout: 'Log out',
  loggedInAs: (name) => `Signed in as ${name}`,
  serves: (division) => `Serving ${division}`,
  switchLang: '中文',
  switchLangLabel: '切换到中文',
  checkingSession: 'Checking your session…',
  badCredentials: 'Wrong username or password',
  tooManyAttempts: (seconds) => `Too many attempts, please try again in ${seconds} s`,
  wrongRole: 'This account may not use this console',
  otherRole: (name) =>
    `The signed-in account “${name}” may not use this console; log in with an account that may`,
  sessionExpired: 'Your session has ended, please log in again',
  networkError: 'Cannot reach the server, check the network and try again',
  forbidden: 'You are not allowed to do this',
  serverError: (detail) => `Failed: ${detail}`,
  loading: 'Loading…',
  cancel: 'Cancel',
  confirm: 'OK',
  close: 'Close',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  dash: '—',
}

/** Both dictionaries, for `useMessages(commonMessages)`. */
export const commonMessages = { zh, en }
/** The shape of the common dictionary. */
export type CommonMessages = typeof zh
