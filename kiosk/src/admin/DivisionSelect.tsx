/**
 * Choices from the organisation tree: the district a terminal stands in (districts grouped under their city, with
 * "default" first, the deployment's HOME_DISTRICT, so a one-district centre never has to choose), and the
 * division a staff account serves (the province, a whole city, or a district).
 */
import {
  type Division,
  divisionLevel,
  isTerminalDivision,
  PROVINCE_CODE,
  parentDivision,
} from '../../../mock-backend/src/contract/divisions'
import { useLang, useMessages } from '../consoles/i18n'
import { adminMessages } from './messages'

/**
 * The tree's districts under their cities, in code order; a district whose city is unknown goes under its code,
 * and a city without districts (东莞, 中山) is its own one choice.
 */
export function districtsByCity(divisions: readonly Division[]): { city: Division; districts: Division[] }[] {
  const cities = new Map<string, { city: Division; districts: Division[] }>()
  for (const d of divisions) {
    if (!isTerminalDivision(d.code)) continue
    const code = divisionLevel(d.code) === 'city' ? d.code : (parentDivision(d.code) ?? d.code)
    const city = divisions.find((c) => c.code === code) ?? { code, nameZh: code, nameEn: code }
    const group = cities.get(code) ?? { city, districts: [] }
    group.districts.push(d)
    cities.set(code, group)
  }
  return [...cities.values()].sort((a, b) => a.city.code.localeCompare(b.city.code))
}

/** The props both selects take. */
interface SelectProps {
  id: string
  divisions: readonly Division[]
  value: string
  onChange: (code: string) => void
}

/**
 * One labelled select of the tree: `first` (a value and its text) on top, then each city as a group of its
 * districts, led by the whole city when `wholeCities` is set.
 */
function TreeSelect({
  id,
  divisions,
  value,
  onChange,
  label,
  first,
  wholeCities,
}: SelectProps & { label: string; first: [string, string]; wholeCities: boolean }) {
  const m = useMessages(adminMessages)
  const { lang } = useLang()
  const name = (d: Division) => (lang === 'en' ? d.nameEn : d.nameZh)
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value={first[0]}>{first[1]}</option>
        {districtsByCity(divisions).map(({ city, districts }) => (
          <optgroup key={city.code} label={name(city)}>
            {wholeCities && <option value={city.code}>{m.wholeCity(name(city))}</option>}
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {name(d)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}

/** The district a terminal stands in; '' stands for the deployment's default. */
export function DistrictSelect(props: SelectProps) {
  const m = useMessages(adminMessages)
  return <TreeSelect {...props} label={m.terminalDistrict} first={['', m.homeDistrict]} wholeCities={false} />
}

/** The division an account serves: the province, a whole city, or one district. */
export function OrgSelect(props: SelectProps) {
  const m = useMessages(adminMessages)
  const { lang } = useLang()
  const province = props.divisions.find((d) => d.code === PROVINCE_CODE)
  const provinceName = province ? (lang === 'en' ? province.nameEn : province.nameZh) : PROVINCE_CODE
  return <TreeSelect {...props} label={m.orgLabel} first={[PROVINCE_CODE, provinceName]} wholeCities />
}
