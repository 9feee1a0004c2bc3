/**
 * The district's residents as the year's transactions name them: resident `i` of the pool always has the same
 * (synthetic) identity, so a second run sends byte-identical records and the backend replays them.
 */
import type { Subject } from '../../contract/wire'
import { seededRng } from '../../departments/prng'
import { DISTRICT_DIVISION_CODE } from './figures'

const SURNAMES = '陈李黄张刘何林钟曾邓叶罗赖谢朱吴杨温廖邱'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅志东海燕晓文斌俊嘉欣婷浩宇'
/** ISO 7064 MOD 11-2 weights and check characters of an 18-digit resident ID number (GB 11643). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The check character of the first 17 digits of an ID number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]!
}

/** Resident `index` of the pool: a valid-looking ID number of the district, a name and a mobile number. */
export function resident(seed: string, index: number): Required<Subject> {
  const rng = seededRng(seed, `resident:${index}`)
  const birth = new Date(Date.UTC(1945 + rng.int(0, 60), 0, 1) + rng.int(0, 364) * 86_400_000)
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `${DISTRICT_DIVISION_CODE}${ymd}${String(rng.int(0, 999)).padStart(3, '0')}`
  const name = `${rng.pick([...SURNAMES])}${rng.pick([...GIVEN])}${rng.next() < 0.6 ? rng.pick([...GIVEN]) : ''}`
  const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
  return { idNumber: `${first17}${idCheckCharacter(first17)}`, name, phone }
}
