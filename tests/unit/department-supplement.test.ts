/** 补正's rule (departments/supplement.ts): which material the simulated department asks for again, and when it is answered. */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { MaterialRow } from '../../mock-backend/src/db/materialRows'
import { SUPPLEMENT_BELOW_BYTES, supplementOf } from '../../mock-backend/src/departments/supplement'

const RECEIVED = '2026-12-01T02:00:00.000Z'
const BEFORE = '2026-12-01T01:59:00.000Z'
const AFTER = '2026-12-01T03:00:00.000Z'

/** A material row of the record: a photo of `bytes`, or a reused licence when `licence` is given. */
const row = (material: string, over: Partial<MaterialRow>): MaterialRow => ({
  districtCode: DEMO_DISTRICT_CODE,
  recordKey: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  contentHash: material,
  terminalId: 'T-1',
  itemCode: 'ZJ-SB-0001',
  material,
  mediaType: 'image/jpeg',
  byteCount: 300_000,
  receivedAt: BEFORE,
  licence: null,
  ...over,
})
const english = (m: string) => (m === '家庭收入证明' ? 'Household income statement' : undefined)

describe('补正', () => {
  it('asks for nothing when every photo is readable, a small PDF is read, and a reused 电子证照 has no bytes', () => {
    expect(
      supplementOf(
        [
          row('家庭收入证明', {}),
          row('婚姻状况证明', { mediaType: 'application/pdf', byteCount: 9_000 }),
          row('家庭成员户口簿', { mediaType: null, byteCount: 0, licence: '居民户口簿' }),
        ],
        RECEIVED,
        english,
      ),
    ).toBeNull()
  })

  it(`asks again for the first photo under ${SUPPLEMENT_BELOW_BYTES} bytes, answered by a readable one after the record`, () => {
    const small = row('家庭收入证明', { byteCount: SUPPLEMENT_BELOW_BYTES - 1 })
    const asked = supplementOf([small], RECEIVED, english)
    expect(asked).toMatchObject({
      material: '家庭收入证明',
      materialName: { zh: '家庭收入证明', en: 'Household income statement' },
      askedAt: RECEIVED,
      answeredAt: null,
    })
    // Still too small after the record: not an answer.
    const again = row('家庭收入证明', { contentHash: 'b', receivedAt: AFTER, byteCount: 100 })
    expect(supplementOf([small, again], RECEIVED, english)?.answeredAt).toBeNull()
    const clear = row('家庭收入证明', {
      contentHash: 'c',
      receivedAt: AFTER,
      byteCount: SUPPLEMENT_BELOW_BYTES,
    })
    expect(supplementOf([small, again, clear], RECEIVED, english)?.answeredAt).toBe(AFTER)
  })
})
