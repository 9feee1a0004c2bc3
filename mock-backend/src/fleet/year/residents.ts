/**
 * The district's residents as the year's transactions name them: resident `i` of the pool always has the same
 * (synthetic) identity, so a second run sends byte-identical records and the backend replays them.
 */
import { idCheckChar } from '../../../../kiosk/src/devices/idNumber'
import type { Subject } from '../../contract/wire'
import { seededRng } from '../../departments/prng'
import { DISTRICT_DIVISION_CODE } from './figures'

const SURNAMES = '陈李黄张刘何林钟曾邓叶罗赖谢朱吴杨温廖邱'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅志东海燕晓文斌俊嘉欣婷浩宇'
/** Resident `index` of the pool: a valid-looking ID number of the district, a name and a mobile number. */
export function resident(seed: string, index: number): Required<Subject> {
  const rng = seededRng(seed, `resident:${index}`)
  const birth = new Date(Date.UTC(1945 + rng.int(0, 60), 0, 1) + rng.int(0, 364) * 86_400_000)
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `${DISTRICT_DIVISION_CODE}${ymd}${String(rng.int(0, 999)).padStart(3, '0')}`
  const name = `${rng.pick([...SURNAMES])}${rng.pick([...GIVEN])}${rng.next() < 0.6 ? rng.pick([...GIVEN]) : ''}`
  const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
  return { idNumber: `${first17}${idCheckChar(first17)}`, name, phone }
}
