/**
 * The admin console's district choice (admin/DivisionSelect.tsx): districts under their cities, and a city without
 * districts (东莞, 中山) offered as its own one choice, since its terminals stand in the city itself.
 */
import { describe, expect, it } from 'vitest'
import { districtsByCity } from '../../kiosk/src/admin/DivisionSelect'
import { GUANGDONG_DIVISIONS } from '../../mock-backend/src/divisions/guangdong'

describe('districtsByCity', () => {
  it('groups the seeded tree: Heyuan’s districts under it, 东莞 and 中山 as themselves, no other city or the province', () => {
    const groups = districtsByCity(GUANGDONG_DIVISIONS).map(({ city, districts }) => [
      city.nameZh,
      districts.map((d) => d.code),
    ])
    expect(groups).toEqual([
      ['河源市', ['441602', '441621', '441622', '441623', '441624', '441625']],
      ['东莞市', ['441900']],
      ['中山市', ['442000']],
    ])
  })
})
