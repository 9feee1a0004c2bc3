/**
 * The 帮办 structured mirror: the kiosk's builder (kiosk/src/help/mirror.ts) sends labels and ids, never typed
 * values, trims to the contract's limits and adds masked details only with consent; the contract
 * (contract/helpMirror.ts) admits what the builder makes and the project's masks, and refuses each bad mirror with
 * the exact problem.
 */
import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../../kiosk/src/devices/idNumber'
import { buildMirror, type ElementFacts, type MirrorView } from '../../kiosk/src/help/mirror'
import { HelpMirror } from '../../mock-backend/src/contract/helpMirror'
import { MIRROR_MAX_ELEMENTS, MIRROR_MAX_LABEL } from '../../mock-backend/src/contract/helpMirrorLimits'

const view: MirrorView = {
  screen: 'flow',
  item: { code: 'CL-SB-0001', name: '社会保障卡申领' },
  step: { index: 2, count: 6, kind: 'phone' },
  lang: 'zh',
  elder: true,
}

const button = (id: string, text: string, extra: Partial<ElementFacts> = {}): ElementFacts => ({
  id,
  input: false,
  text,
  enabled: true,
  private: false,
  length: 0,
  ...extra,
})

describe('the mirror builder', () => {
  it('lists ids, roles and labels; an input says only how full it is; private text is left out', () => {
    const mirror = buildMirror(
      view,
      [
        button('keypad.5', ' 5 '),
        button('flow.next', '下一步', { enabled: false }),
        { id: 'field.phone', input: true, text: '手机号码', enabled: true, private: false, length: 11 },
        button('ime.candidate.0', '张', { private: true }),
      ],
      null,
    )
    expect(mirror).toEqual({
      ...view,
      elements: [
        { id: 'keypad.5', role: 'button', label: '5', enabled: true },
        { id: 'flow.next', role: 'button', label: '下一步', enabled: false },
        { id: 'field.phone', role: 'input', label: '手机号码', enabled: true, filled: 11 },
        { id: 'ime.candidate.0', role: 'button', enabled: true },
      ],
    })
    expect(HelpMirror.parse(mirror)).toEqual(mirror)
  })

  it('trims labels and the element list to the contract, and drops an id the contract refuses', () => {
    const many = Array.from({ length: MIRROR_MAX_ELEMENTS + 5 }, (_, i) => button(`k.${i}`, 'x'.repeat(300)))
    const mirror = buildMirror(
      { ...view, item: { code: 'CL-SB-0001', name: '名'.repeat(400) } },
      [button('bad id', 'x'), ...many],
      null,
    )
    expect(mirror.elements).toHaveLength(MIRROR_MAX_ELEMENTS)
    expect(mirror.elements[0]?.id).toBe('k.0')
    expect(mirror.elements[0]?.label).toHaveLength(MIRROR_MAX_LABEL)
    expect(mirror.item?.name).toHaveLength(MIRROR_MAX_LABEL)
    expect(HelpMirror.safeParse(mirror).success).toBe(true)
  })

  it('adds the masked details only when given (the resident consented), and the masks pass the contract', () => {
    const details = {
      name: maskName('欧阳修明'),
      idNumber: maskIdNumber('44010619900101123X'),
      phone: maskPhone('13800138000'),
    }
    expect(details).toEqual({ name: '欧***', idNumber: '4401**********123X', phone: '138****8000' })
    expect(buildMirror(view, [], null)).not.toHaveProperty('details')
    expect(buildMirror(view, [], {})).not.toHaveProperty('details')
    const consented = buildMirror(view, [], details)
    expect(consented.details).toEqual(details)
    expect(HelpMirror.parse(consented).details).toEqual(details)
    expect(
      HelpMirror.parse({ ...consented, details: { idNumber: maskIdNumber('440106900101123') } }).details,
    ).toEqual({ idNumber: '4401*******1123' })
  })
})

describe('the mirror contract', () => {
  const ok = buildMirror(view, [button('flow.next', '下一步')], null)
  /** The first problem of a mirror, as path and message. */
  const problem = (mirror: unknown) => {
    const issue = HelpMirror.safeParse(mirror).error?.issues[0]
    return issue && `${issue.path.join('.')}: ${issue.message}`
  }

  it('refuses full values, extra fields and oversize lists with the exact problem', () => {
    expect(problem(ok)).toBeUndefined()
    expect(
      [
        { ...ok, details: { name: '欧阳修明' } },
        { ...ok, details: { idNumber: '44010619900101123X' } },
        { ...ok, details: { phone: '13800138000' } },
        { ...ok, details: { address: '广州市' } },
        { ...ok, elements: [{ id: 'field.phone', role: 'input', enabled: true, value: '138' }] },
        { ...ok, elements: [{ id: 'x', role: 'link', enabled: true }] },
        { ...ok, elements: [{ id: 'x', role: 'input', enabled: true, filled: 65 }] },
        { ...ok, elements: [{ id: '', role: 'button', enabled: true }] },
        { ...ok, screen: 'flow step' },
        { ...ok, item: { code: 'CL SB', name: 'x' } },
        { ...ok, step: { index: 0, count: 1, kind: '<b>' } },
        { ...ok, lang: 'fr' },
        { ...ok, caseNumber: 'WB2026010100321' },
        { ...ok, elements: Array.from({ length: MIRROR_MAX_ELEMENTS + 1 }, () => ok.elements[0]) },
      ].map(problem),
    ).toEqual([
      'details.name: name: only a masked name (first character, then *)',
      'details.idNumber: idNumber: only a masked ID number (4 digits, *, 4 characters)',
      'details.phone: phone: only a masked mobile number (3 digits, ****, 4 digits)',
      'details: Unrecognized key: "address"',
      'elements.0: Unrecognized key: "value"',
      'elements.0.role: Invalid option: expected one of "button"|"input"',
      'elements.0.filled: Too big: expected number to be <=64',
      'elements.0.id: id: empty',
      'screen: screen: a screen name',
      'item.code: item.code: a catalog item code',
      'step.kind: step.kind: a step name',
      'lang: Invalid option: expected one of "zh"|"en"',
      ': Unrecognized key: "caseNumber"',
      `elements: elements: at most ${MIRROR_MAX_ELEMENTS}`,
    ])
  })
})
