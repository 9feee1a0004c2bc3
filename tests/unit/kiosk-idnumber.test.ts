import { describe, expect, it } from 'vitest'
import {
  idCheckChar,
  idNumberProblem,
  isValidIdNumber,
  maskGeneric,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../kiosk/src/devices/idNumber'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'

describe('GB 11643 ID numbers', () => {
  it('computes check characters, including X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('44030119900307001')).toBe('9')
    expect(idCheckChar('44160219800101123')).toBe('3')
  })
  it('accepts valid samples', () => {
    for (const id of [
      '11010519491231002X',
      '11010519491231002x',
      '440301199003070019',
      DEMO_ID_CARD.idNumber,
    ])
      expect(isValidIdNumber(id)).toBe(true)
  })
  it('names the problem with invalid samples', () => {
    expect(idNumberProblem('44160219800101123')).toBe('length')
    expect(idNumberProblem('4416021980010112333')).toBe('length')
    expect(idNumberProblem('44160219800101X233')).toBe('format')
    expect(idNumberProblem('441602198002301238')).toBe('birthDate')
    expect(idNumberProblem('441602299901011234')).toBe('birthDate')
    expect(idNumberProblem('441602198001011234')).toBe('checkDigit')
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit')
  })
  it('the demo card is 李明 from 河源 with a valid number', () => {
    expect(DEMO_ID_CARD).toEqual({ idNumber: '441602198001011233', name: '李明' })
  })
})

describe('masking', () => {
  it('masks ID numbers as 4416**********1234', () => {
    expect(maskIdNumber('441602198001011234')).toBe('4416**********1234')
    expect(maskIdNumber('123')).toBe('***')
  })
  it('masks phones, names and other personal values', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskName('李明')).toBe('李*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskGeneric('6222020200112233445')).toBe('6*****************5')
    expect(maskGeneric('ab')).toBe('**')
  })
})
