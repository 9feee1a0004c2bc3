/** Admin console strings of the terminal settings (maintenance PIN, idle timeout), Chinese first. */
import { IDLE_SECONDS, PIN_DIGITS } from '../../../mock-backend/src/contract/constants'

const zh = {
  pin: '维护密码',
  pinHint: `${PIN_DIGITS.min}–${PIN_DIGITS.max} 位数字；终端只保存其哈希，请另行告知维护人员`,
  badPin: `维护密码须为 ${PIN_DIGITS.min}–${PIN_DIGITS.max} 位数字`,
  pinSetCol: '维护密码',
  idleCol: '空闲超时',
  seconds: (n: number) => `${n} 秒`,
  settingsTitle: '维护密码与空闲超时',
  settingsIntro: '新的维护密码和空闲超时在终端下次联网（心跳）时生效；长者模式下空闲超时自动加倍。',
  terminal: '选择终端',
  newPin: '新维护密码',
  resetPin: '重置维护密码',
  idle: '空闲超时（秒）',
  idleHint: `${IDLE_SECONDS.min}–${IDLE_SECONDS.max} 秒，默认 ${IDLE_SECONDS.default} 秒`,
  badIdle: `空闲超时须为 ${IDLE_SECONDS.min}–${IDLE_SECONDS.max} 之间的整数秒`,
  setIdle: '设置空闲超时',
  group: '终端分组（整组设置）',
  setGroupIdle: '为整个分组设置',
  pinReset: (name: string) => `已重置“${name}”的维护密码，终端下次联网时生效`,
  idleSet: (name: string, n: number) => `“${name}”的空闲超时已设为 ${n} 秒`,
  groupIdleSet: (group: string, count: number, n: number) =>
    `分组 ${group} 的 ${count} 台终端空闲超时已设为 ${n} 秒`,
}

const en: typeof zh = {
  pin: 'Maintenance PIN',
  pinHint: `${PIN_DIGITS.min}–${PIN_DIGITS.max} digits; the terminal keeps only its hash, so tell the technician separately`,
  badPin: `The maintenance PIN must be ${PIN_DIGITS.min}–${PIN_DIGITS.max} digits`,
  pinSetCol: 'Maintenance PIN',
  idleCol: 'Idle timeout',
  seconds: (n) => `${n} s`,
  settingsTitle: 'Maintenance PIN and idle timeout',
  settingsIntro:
    'A new PIN or idle timeout takes effect at the terminal’s next contact (heartbeat); elder mode doubles the idle timeout.',
  terminal: 'Choose terminal',
  newPin: 'New maintenance PIN',
  resetPin: 'Reset PIN',
  idle: 'Idle timeout (seconds)',
  idleHint: `${IDLE_SECONDS.min}–${IDLE_SECONDS.max} s, default ${IDLE_SECONDS.default} s`,
  badIdle: `The idle timeout must be a whole number of seconds from ${IDLE_SECONDS.min} to ${IDLE_SECONDS.max}`,
  setIdle: 'Set idle timeout',
  group: 'Terminal group (whole group)',
  setGroupIdle: 'Set for the whole group',
  pinReset: (name) => `PIN of “${name}” reset; the terminal gets it at its next contact`,
  idleSet: (name, n) => `Idle timeout of “${name}” set to ${n} s`,
  groupIdleSet: (group, count, n) => `Idle timeout of ${count} terminal(s) in group ${group} set to ${n} s`,
}

/** Both languages. */
export const settingsMessages = { zh, en }

/** Whether the console may send this PIN (the backend checks the same rule). */
export const pinLooksValid = (pin: string): boolean =>
  pin.length >= PIN_DIGITS.min && pin.length <= PIN_DIGITS.max && /^\d+$/.test(pin)

/** The idle seconds typed, or null when outside IDLE_SECONDS. */
export function parseIdleSeconds(text: string): number | null {
  const n = Number(text.trim())
  return Number.isInteger(n) && n >= IDLE_SECONDS.min && n <= IDLE_SECONDS.max && text.trim() !== ''
    ? n
    : null
}
