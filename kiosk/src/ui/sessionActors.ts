/**
 * The session's child machines with their effects: the service flow and 办件进度查询. A chunk of its own,
 * loaded after the first tap (`sessionActorsLoader.ts`), so the entry a terminal boots with carries neither
 * machine (issue 18 item 2); the service worker precaches it like every other kiosk file.
 */
import { fromCallback, fromPromise } from 'xstate'
import type { HouseholdMemberView } from '../../../mock-backend/src/contract/household'
import type { HeldLicence } from '../../../mock-backend/src/contract/materials'
import type { Devices, IdCard, SocialCardRead } from '../devices/types'
import { type CaseLookupDeps, caseLookupMachine } from '../machines/caseLookupMachine'
import {
  cardOnReaderCheck,
  demoEidShower,
  type EidReader,
  type FlowDeps,
  type PhoneUploadCommand,
  type PhoneUploadInput,
  serviceFlowMachine,
  smsCodeIssuer,
} from '../machines/serviceFlowMachine'
import type { TerminalBridge } from '../sync/terminalBridge'
import type { SessionActors } from './sessionActorsLoader'
import { createCaseLookupDeps, createFlowDeps } from './sessionEffects'

/** The service flow with its effects. */
export function provideFlow(deps: FlowDeps) {
  return serviceFlowMachine.provide({
    actors: {
      readIdCard: fromPromise(() => deps.readIdCard()),
      identifyByEid: fromPromise<IdCard, { via: EidReader }>(({ input, signal }) =>
        deps.identifyByEid(signal, input.via),
      ),
      readSocialCard: fromPromise<SocialCardRead, { pin?: string }>(({ input }) =>
        deps.readSocialCard(input.pin),
      ),
      verifyFace: fromPromise<boolean, { idNumber: string }>(({ input }) => deps.verifyFace(input.idNumber)),
      submitRecord: fromPromise(({ input }) => deps.submit(input)),
      findLicences: fromPromise<HeldLicence[], { idNumber: string; itemCode: string }>(({ input }) =>
        deps.findLicences(input.idNumber, input.itemCode),
      ),
      findHousehold: fromPromise<
        HouseholdMemberView[],
        { idNumber: string; itemCode: string; fields?: Record<string, string> }
      >(({ input }) => deps.findHousehold(input.idNumber, input.itemCode, input.fields)),
      captureMaterial: fromPromise(() => deps.captureMaterial()),
      phoneUpload: fromCallback<PhoneUploadCommand, PhoneUploadInput>(({ input, sendBack, receive }) =>
        deps.watchPhoneUpload(input, sendBack, receive),
      ),
      printDocument: fromPromise(({ input }) => deps.print(input)),
      createOrder: fromPromise(({ input }) => deps.createOrder(input)),
      awaitPayment: fromPromise(({ input, signal }) => deps.awaitPayment(input, signal)),
      cancelOrder: fromPromise(({ input }) => deps.cancelOrder(input)),
      readBankCard: fromPromise(({ signal }) => deps.readBankCard(signal)),
      payByCard: fromPromise(({ input }) => deps.payByCard(input)),
      ejectBankCard: fromPromise(() => deps.ejectBankCard()),
    },
    actions: {
      issueSmsCode: smsCodeIssuer(deps.makeSmsCode),
      lookForCard: cardOnReaderCheck(deps.cardOnReader),
      showDemoEid: demoEidShower(deps.showDemoEid),
    },
  })
}

/** 办件进度查询 with its effects; a rating gets its idempotency key when it is sent. */
export function provideCaseLookup(deps: CaseLookupDeps) {
  return caseLookupMachine.provide({
    actors: {
      byNumber: fromPromise(({ input }) => deps.lookupByNumber(input)),
      byId: fromPromise(({ input }) => deps.lookupById(input)),
      readCard: fromPromise(() => deps.readIdCard()),
      rate: fromPromise(({ input }) => deps.rate({ ...input, key: deps.newKey() })),
    },
  })
}

/** Both child machines, wired: the flow's effects and the lookup's (the bridge's case calls, the card reader). */
export function provideSessionActors(flow: FlowDeps, caseLookup: CaseLookupDeps): SessionActors {
  return { serviceFlow: provideFlow(flow), caseLookup: provideCaseLookup(caseLookup) }
}

/** Both child machines wired to the terminal's bridge and devices: what the kiosk's entry loads after the first tap. */
export function wireSessionActors(
  bridge: TerminalBridge,
  devices: Devices,
  newKey: () => string,
): SessionActors {
  const flow = createFlowDeps(bridge, devices)
  return provideSessionActors(flow, createCaseLookupDeps(bridge, flow, newKey))
}
