import { describe, expect, it } from 'vitest'
import { bringGuide } from '../../services-catalog/src/bringGuide'

describe('the one "what to bring" wording', () => {
  it('lists cards, one phone for everything it is needed for, originals and extras, in both languages', () => {
    expect(
      bringGuide({
        identity: ['身份证', '社保卡', '电子身份证'],
        needsPhone: true,
        paysByQr: true,
        scan: true,
        extra: { zh: '户口簿', en: 'the household register' },
      }),
    ).toEqual({
      zh: '本人居民身份证或社会保障卡（也可出示粤省事电子身份证）、能接收短信验证码并开通了微信、支付宝或云闪付的手机、需扫描的材料原件、户口簿。',
      en: 'Your resident ID card or social security card (or the Yueshengshi e-ID code on your phone), a mobile phone that can receive SMS codes and has WeChat Pay, Alipay or UnionPay, the original documents to scan and the household register.',
    })
    expect(bringGuide({ identity: ['身份证'], needsPhone: true, paysByQr: false })).toEqual({
      zh: '本人居民身份证、能接收短信验证码的手机。',
      en: 'Your resident ID card and a mobile phone that can receive SMS codes.',
    })
    // The 电子身份证 as the only identification (a lost card): the phone is what to bring.
    expect(bringGuide({ identity: ['电子身份证', '人脸'], needsPhone: false, paysByQr: false })).toEqual({
      zh: '能打开粤省事电子身份证的手机。',
      en: 'A mobile phone that can show your Yueshengshi e-ID code.',
    })
    expect(bringGuide({ identity: [], needsPhone: false, paysByQr: false })).toEqual({
      zh: '无需携带证件或材料。',
      en: 'Nothing; no documents are needed.',
    })
  })
})
