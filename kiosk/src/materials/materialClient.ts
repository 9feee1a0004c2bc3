/**
 * The materials calls (MATERIAL_ROUTES): upload a record's materials before the record, and ask which materials
 * the resident holds as 电子证照. Over any typed POST: the sync's backend client (`BackendClient.call`, its token,
 * timeout and failure classes) or, for the flow's licence question, one with the terminal's key. Loaded with the
 * step or the first batch that carries materials, never in the entry.
 */
import { fetchRoute, parseAnswer, type RouteCall } from '../../../mock-backend/src/contract/fetchRoute'
import { MATERIAL_ROUTES } from '../../../mock-backend/src/contract/materialRoutes'
import type { HeldLicence, MaterialAccepted } from '../../../mock-backend/src/contract/materials'
import type { AnswerOf, AnyRoute } from '../../../mock-backend/src/contract/routes'
import type { StoredMaterial } from '../storage/storedTypes'
import { BackendError, httpError, REQUEST_TIMEOUT_MS } from '../sync/backendClient'

/** One typed call of a route; rejects with a BackendError. */
export type RouteCaller = <R extends AnyRoute>(route: R, call: RouteCall<R>) => Promise<AnswerOf<R>>

export { blobBase64 } from './blobBase64'

/** A caller with the terminal's key, for the flow (the sync has its client's). */
export function keyedCaller(getToken: () => string | null, fetchImpl: typeof fetch = fetch): RouteCaller {
  return async (route, call) => {
    const token = getToken()
    let response: Response
    try {
      response = await fetchRoute(fetchImpl, '', route, {
        ...call,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        init: { cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      })
    } catch (error) {
      throw new BackendError('network', `${route.method} ${route.path}: ${(error as Error).message}`)
    }
    if (!response.ok) throw await httpError(route.method, route.path, response)
    return parseAnswer(route, await response.text())
  }
}

/** The materials calls over `call`. */
export function materialCalls(call: RouteCaller) {
  return {
    /**
     * Uploads a record's materials one by one under its key (a capture's bytes, or the 电子证照 reused); a resend
     * of any is answered `replayed`.
     */
    async uploadAll(
      recordKey: string,
      itemCode: string,
      materials: readonly StoredMaterial[],
    ): Promise<MaterialAccepted[]> {
      const answers: MaterialAccepted[] = []
      for (const m of materials)
        answers.push(await call(MATERIAL_ROUTES.material, { body: { recordKey, itemCode, ...m } }))
      return answers
    },
    /** 用手机拍照上传: a session for the record's key, its photos, one removed, the session ended. */
    phoneStart: (recordKey: string, itemCode: string) =>
      call(MATERIAL_ROUTES.phoneStart, { body: { recordKey, itemCode } }),
    phonePhotos: (token: string) => call(MATERIAL_ROUTES.phonePhotos, { body: { token } }),
    phonePhoto: (token: string, contentHash: string) =>
      call(MATERIAL_ROUTES.phonePhoto, { body: { token, contentHash } }),
    phoneRemove: (token: string, contentHash: string) =>
      call(MATERIAL_ROUTES.phoneRemove, { body: { token, contentHash } }),
    phoneEnd: (token: string) => call(MATERIAL_ROUTES.phoneEnd, { body: { token } }),
    /** The item's materials the resident holds as 电子证照 (the ID number in the body). */
    async licences(idNumber: string, itemCode: string): Promise<HeldLicence[]> {
      return (await call(MATERIAL_ROUTES.licences, { body: { idNumber, itemCode } })).licences
    },
  }
}
