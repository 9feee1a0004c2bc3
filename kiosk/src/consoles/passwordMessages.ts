/** Strings of the own-password change in both consoles, Chinese first. */
import { MIN_PASSWORD_LENGTH } from '../../../mock-backend/src/contract/constants'

const zh = {
  open: '修改密码',
  title: '修改我的密码',
  current: '当前密码',
  next: '新密码',
  repeat: '再次输入新密码',
  hint: `新密码至少 ${MIN_PASSWORD_LENGTH} 位。修改后，您在其他电脑或浏览器上的登录会退出。`,
  save: '保存新密码',
  tooShort: `新密码至少需要 ${MIN_PASSWORD_LENGTH} 位`,
  mismatch: '两次输入的新密码不一致',
  unchanged: '新密码不能与当前密码相同',
  wrongCurrent: '当前密码不正确',
  done: (ended: number) => (ended > 0 ? `密码已修改，已退出其他 ${ended} 处登录` : '密码已修改'),
}

/** English strings, same keys as the Chinese ones. */
const en: typeof zh = {
  open: 'Change password',
  title: 'Change my password',
  current: 'Current password',
  next: 'New password',
  repeat: 'New password again',
  hint: `At least ${MIN_PASSWORD_LENGTH} characters. Changing it signs you out on every other computer or browser.`,
  save: 'Save new password',
  tooShort: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  mismatch: 'The two new passwords differ',
  unchanged: 'The new password must differ from the current one',
  wrongCurrent: 'The current password is wrong',
  done: (ended) =>
    ended > 0
      ? `Password changed; signed out of ${ended} other session${ended === 1 ? '' : 's'}`
      : 'Password changed',
}

/** Password-change strings by language. */
export const passwordMessages = { zh, en }
