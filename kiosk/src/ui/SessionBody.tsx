/**
 * The screen in <main> while a session runs (every screen after attract), chosen from the session's state. It
 * is part of the session chunk (sessionScreens.ts) that loads at the first tap; the 办件进度查询 screen, rarer
 * still, loads on its first use (the service worker precaches both).
 */
import { useEffect, useState } from 'preact/hooks'
import type { ActorRefFrom, SnapshotFrom } from 'xstate'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import { type Lang, pick } from '../i18n'
import type { CaseLookupMachine } from '../machines/caseLookupMachine'
import type { ServiceFlowMachine } from '../machines/serviceFlowMachine'
import { findItem, type SessionEvent, type SessionMachine } from '../machines/sessionMachine'
import { departmentOf } from './catalogView'
import { FlowScreen } from './flow/FlowScreen'
import { CaseLookupEntry } from './screens/CaseLookupEntry'
import type { CaseLookupScreen as CaseLookupScreenType } from './screens/CaseLookupScreen'
import { DepartmentScreen } from './screens/DepartmentScreen'
import { GuideScreen } from './screens/GuideScreen'
import { HomeScreen } from './screens/HomeScreen'
import type { HandoffSource } from './screens/PaymentHandoff'
import { ResultScreen } from './screens/ResultScreen'
import { SearchScreen } from './screens/SearchScreen'
import { ThanksScreen } from './screens/ThanksScreen'

/** The session's screens (attract is the App's own). */
export type SessionScreenName =
  | 'home'
  | 'department'
  | 'search'
  | 'guide'
  | 'flow'
  | 'rating'
  | 'thanks'
  | 'caseLookup'

/** The department's name for the header's breadcrumb, in the session's language. */
export function departmentCrumb(catalog: PublishedCatalog, code: string, lang: Lang): string {
  return pick(departmentOf(catalog, code)?.name ?? { zh: '', en: '' }, lang)
}

/**
 * Props: which screen, the session's snapshot (context and children) and its `send`; `demoCard` when the devices
 * are simulated (the demo terminal), so the identify step offers the demo card's button; `handoff`, the terminal
 * as an offline 缴费's hand-off reads it.
 */
export function SessionBody({
  screen,
  snapshot,
  send,
  demoCard,
  handoff,
}: {
  screen: SessionScreenName
  snapshot: SnapshotFrom<SessionMachine>
  send: (event: SessionEvent) => void
  demoCard: boolean
  handoff: HandoffSource
}) {
  const ctx = snapshot.context
  const catalog = ctx.catalog
  const item = findItem(catalog, ctx.itemCode)
  const flow = snapshot.children.flow as ActorRefFrom<ServiceFlowMachine> | undefined
  const caseLookup = snapshot.children.caseLookup as ActorRefFrom<CaseLookupMachine> | undefined
  // Progress lookup is rarer than services: its screen loads on first use (the SW precaches the chunk).
  const [LookupScreen, setLookupScreen] = useState<typeof CaseLookupScreenType | null>(null)
  useEffect(() => {
    if (!caseLookup || LookupScreen) return
    void import('./screens/CaseLookupScreen').then((m) => setLookupScreen(() => m.CaseLookupScreen))
  }, [caseLookup, LookupScreen])

  if (!catalog) return null
  const openItem = (code: string) => send({ type: 'item.open', code })
  switch (screen) {
    case 'home':
      return (
        <>
          <HomeScreen
            catalog={catalog}
            onDepartment={(code) => send({ type: 'dept.open', code })}
            onItem={openItem}
            onSearch={() => send({ type: 'search.open' })}
          />
          <CaseLookupEntry onOpen={() => send({ type: 'cases.open' })} />
        </>
      )
    case 'caseLookup':
      return caseLookup && LookupScreen ? <LookupScreen lookup={caseLookup} /> : null
    case 'department':
      return <DepartmentScreen catalog={catalog} code={ctx.departmentCode ?? ''} onItem={openItem} />
    case 'search':
      return (
        <SearchScreen
          catalog={catalog}
          query={ctx.query}
          onQuery={(text) => send({ type: 'search.query', text })}
          onItem={openItem}
        />
      )
    case 'guide':
      return item ? (
        <GuideScreen
          item={item}
          online={ctx.online}
          blocked={ctx.blocked}
          onStart={() => send({ type: 'flow.start' })}
          handoff={handoff}
        />
      ) : null
    case 'flow':
      return flow ? (
        <FlowScreen
          flow={flow}
          catalog={catalog}
          demoCard={demoCard}
          holdIdle={(hold) => send({ type: hold ? 'pay.waiting' : 'pay.settled' })}
        />
      ) : null
    case 'rating':
      return ctx.result ? (
        <ResultScreen
          result={ctx.result}
          item={item}
          onRate={(level) => send({ type: 'rating.give', level })}
          onSkip={() => send({ type: 'rating.skip' })}
        />
      ) : null
    case 'thanks':
      return <ThanksScreen rated={ctx.rated !== null} onFinish={() => send({ type: 'session.finish' })} />
  }
}
