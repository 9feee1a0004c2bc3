/**
 * 为谁办理 and 家庭缴费, loaded when a flow first reaches them (their own chunk, never before the first tap):
 * 本人 / 家人 / 他人 as large targets; 家人 lists the household register's members (masked) to pick one, or for a
 * 缴费 becomes 家庭缴费 whose members are ticked with their amounts on the step after the form; 他人 types the
 * subject's ID number on the keypad (its check digit verified) and chooses the relationship.
 */
import type { ComponentChildren } from 'preact'
import { RELATIONSHIPS } from '../../../../mock-backend/src/contract/household'
import type { ServedFor } from '../../../../services-catalog/src/kinds'
import type { MessageKey } from '../../i18n'
import { paysForFamily } from '../../machines/servedFor'
import type { FlowContext, FlowEvent } from '../../machines/serviceFlowMachine'
import { useUi } from '../uiContext'
import './who.css'
import { KeypadEntry } from './KeypadEntry'

/** Props: the flow's context and send, whether the register is being asked, and the step's error line. */
export interface WhoStepProps {
  ctx: FlowContext
  send: (event: FlowEvent) => void
  loading: boolean
  error: ComponentChildren
}

const yuan = (fen: number) => (fen / 100).toFixed(2)

/** The 为谁办理 step. */
export function WhoStep({ ctx, send, loading, error }: WhoStepProps) {
  const { tr } = useUi()
  const pays = ctx.item.kind === '缴费'
  const choices: [ServedFor, MessageKey, MessageKey][] = [
    ['本人', 'servedForSelf', 'servedForSelfHint'],
    [
      '家人',
      pays ? 'servedForFamilyPay' : 'servedForFamily',
      pays ? 'servedForFamilyPayHint' : 'servedForFamilyHint',
    ],
    ['他人', 'servedForOther', 'servedForOtherHint'],
  ]
  const offered = choices.filter(([who]) => ctx.item.servedFor.includes(who))
  let body: ComponentChildren = null
  if (ctx.servedFor === '家人' && !paysForFamily(ctx.item.kind, ctx))
    body = (
      <>
        <h2>{tr('memberPick')}</h2>
        <MemberList ctx={ctx} send={send} loading={loading} />
      </>
    )
  if (ctx.servedFor === '他人')
    body = (
      <>
        <KeypadEntry
          helpId="field.otherId"
          label={tr('otherIdLabel')}
          value={ctx.otherId}
          invalid={ctx.error !== null}
          maxLength={18}
          extraKey="X"
          error={null}
          onChange={(value) => send({ type: 'other.input', value })}
        />
        <fieldset class="options" aria-label={tr('relationshipLabel')}>
          <legend>{tr('relationshipLabel')}</legend>
          {RELATIONSHIPS.map((relationship) => (
            <button
              type="button"
              key={relationship}
              data-help-id={`relationship.${relationship}`}
              class={`tile option ${ctx.relationship === relationship ? 'key-selected' : ''}`}
              aria-pressed={ctx.relationship === relationship}
              onClick={() => send({ type: 'relationship.choose', relationship })}
            >
              {tr(`rel_${relationship}`)}
            </button>
          ))}
        </fieldset>
      </>
    )
  return (
    <>
      <h1>{tr('servedForTitle')}</h1>
      <fieldset class="id-methods served-for" aria-label={tr('servedForTitle')}>
        {offered.map(([who, label, hint]) => (
          <button
            type="button"
            key={who}
            class="btn btn-big id-method"
            aria-pressed={ctx.servedFor === who}
            data-help-id={`servedFor.${who}`}
            onClick={() => send({ type: 'servedFor.choose', servedFor: who })}
          >
            <span class="served-for-label">{tr(label)}</span>
            <span class="served-for-hint">{tr(hint)}</span>
          </button>
        ))}
      </fieldset>
      {body}
      {error}
    </>
  )
}

/** The 家庭缴费 step: each member's amount due, ticked to pay; the total of those ticked. */
export function FamilyStep({ ctx, send, loading, error }: WhoStepProps) {
  const { tr } = useUi()
  const ticked = (ctx.household ?? []).filter((m) => ctx.members.includes(m.handle))
  const total = ticked.reduce((sum, m) => sum + (m.amountFen ?? 0), 0)
  return (
    <>
      <h1>{tr('familyTitle')}</h1>
      <p class="hint">{tr('familyHint')}</p>
      <MemberList ctx={ctx} send={send} loading={loading} />
      <p class="lead" role="status">
        {tr('familyTotal', { count: ticked.length, amount: yuan(total) })}
      </p>
      {error}
    </>
  )
}

/** The register's members as large pressed-state buttons: masked name and ID, relationship, amount due. */
function MemberList({ ctx, send, loading }: Omit<WhoStepProps, 'error'>) {
  const { tr } = useUi()
  const family = paysForFamily(ctx.item.kind, ctx)
  if (loading || ctx.household === null)
    return (
      <p class="busy" role="status">
        <span class="spinner" aria-hidden="true" />
        {tr('householdLoading')}
      </p>
    )
  // One member is served for another item: the resident is 本人 there, not a member to pick.
  const members = family ? ctx.household : ctx.household.filter((m) => m.relationship !== '本人')
  return (
    <fieldset class="members" aria-label={tr(family ? 'familyTitle' : 'memberPick')}>
      {members.map((m, i) => {
        const chosen = ctx.members.includes(m.handle)
        return (
          <button
            type="button"
            key={m.handle}
            class={`tile member ${chosen ? 'key-selected' : ''}`}
            aria-pressed={chosen}
            data-help-id={`member.${i}`}
            onClick={() => send({ type: 'member.toggle', handle: m.handle })}
          >
            <span class="member-who">
              {tr(`rel_${m.relationship}`)} {m.maskedName}
            </span>
            <span class="member-id">{m.maskedId}</span>
            {m.amountFen !== undefined && (
              <span class="member-amount">{tr('familyAmount', { amount: yuan(m.amountFen) })}</span>
            )}
          </button>
        )
      })}
    </fieldset>
  )
}
