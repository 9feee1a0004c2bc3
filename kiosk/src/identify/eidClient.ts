/**
 * The kiosk's side of 电子身份证 identification: the code the 扫码器 read goes to the backend, which checks the
 * issuer's signature, expiry and single use and answers the resident; a refusal becomes the flow's message. On the
 * demo terminal the mock issuer's code for 李明 is shown to the simulated 扫码器. In the flow's chunk (after the
 * first tap); the code is never kept.
 */
import { EID_ERRORS, EID_ROUTES, type EidIdentity } from '../../../mock-backend/src/contract/eid'
import { fetchRoute } from '../../../mock-backend/src/contract/fetchRoute'
import { SIM_DEVICES_CHANNEL } from '../devices/simulatedIdentity'
import type { IdCard } from '../devices/types'
import { EidError, type EidFailure } from '../machines/serviceFlowMachine'

/** The backend's refusal codes and the flow's failures. */
const FAILURES: Readonly<Record<string, EidFailure>> = {
  [EID_ERRORS.forged]: 'eidForged',
  [EID_ERRORS.expired]: 'eidExpired',
  [EID_ERRORS.replayed]: 'eidReplayed',
}

const authorization = (token: string | null): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {}

/** Has the backend verify a code; resolves with the resident, rejects with EidError. */
export async function verifyEidCode(
  code: string,
  token: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<IdCard> {
  let response: Response
  try {
    response = await fetchRoute(fetchImpl, '', EID_ROUTES.identify, {
      body: { code },
      headers: authorization(token),
      init: { cache: 'no-store' },
    })
  } catch {
    throw new EidError('eidOffline')
  }
  if (response.ok) {
    const { idNumber, name } = (await response.json()) as EidIdentity
    return { idNumber, name }
  }
  const body = (await response.json().catch(() => ({}))) as { error?: unknown }
  const failure = typeof body.error === 'string' ? FAILURES[body.error] : undefined
  // A refusal names its reason; anything else (the backend down, a proxy's 502) means the code could not be checked.
  throw new EidError(failure ?? 'eidOffline')
}

/** Demo terminal: asks the mock issuer for a code for 李明 and shows it to the simulated 扫码器. */
export async function showDemoEidCode(token: string | null, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchRoute(fetchImpl, '', EID_ROUTES.demoCode, {
    body: {},
    headers: authorization(token),
  })
  if (!response.ok) throw new Error(`the demo issuer answered HTTP ${response.status}`)
  const { code } = (await response.json()) as { code: string }
  const channel = new BroadcastChannel(SIM_DEVICES_CHANNEL)
  channel.postMessage({ showQr: code })
  channel.close()
}
