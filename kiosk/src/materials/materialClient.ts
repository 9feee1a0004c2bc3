/**
 * The materials step's calls (MATERIAL_ROUTES): upload one material of a record before the record, and ask which
 * materials the resident holds as 电子证照. Loaded with the step, not in the entry; failures are BackendErrors
 * like the sync's, with the backend's code (an offline terminal gets kind `network`).
 */
import { fetchRoute, parseAnswer } from '../../../mock-backend/src/contract/fetchRoute'
import { MATERIAL_ROUTES } from '../../../mock-backend/src/contract/materialRoutes'
import type { HeldLicence, MaterialAccepted } from '../../../mock-backend/src/contract/materials'
import type { AnswerOf, AnyRoute, RequestOf } from '../../../mock-backend/src/contract/routes'
import { BackendError, httpError, REQUEST_TIMEOUT_MS } from '../sync/backendClient'

/** One material to upload: the catalog's name and the compressed capture. */
export interface OutgoingMaterial {
  material: string
  image: Blob
}

/** The bytes of a Blob as base64 (the upload's JSON carries them so). */
export async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

/** The materials calls, authenticated with the terminal's key. */
export function createMaterialClient(getToken: () => string | null, fetchImpl: typeof fetch = fetch) {
  async function post<R extends AnyRoute>(route: R, body: RequestOf<R>): Promise<AnswerOf<R>> {
    const token = getToken()
    let response: Response
    try {
      response = await fetchRoute(fetchImpl, '', route, {
        body,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        init: { cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      })
    } catch (error) {
      throw new BackendError('network', `${route.method} ${route.path}: ${(error as Error).message}`)
    }
    if (!response.ok) throw await httpError(route.method, route.path, response)
    return parseAnswer(route, await response.text())
  }
  return {
    /** Uploads a record's materials one by one, each before the record; a retry of any is a replay. */
    async uploadAll(
      recordKey: string,
      itemCode: string,
      materials: readonly OutgoingMaterial[],
    ): Promise<MaterialAccepted[]> {
      const answers: MaterialAccepted[] = []
      for (const { material, image } of materials)
        answers.push(
          await post(MATERIAL_ROUTES.material, { recordKey, itemCode, material, data: await blobBase64(image) }),
        )
      return answers
    },
    /** The item's materials the resident holds as 电子证照 (the ID number in the body). */
    async licences(idNumber: string, itemCode: string): Promise<HeldLicence[]> {
      return (await post(MATERIAL_ROUTES.licences, { idNumber, itemCode })).licences
    },
  }
}
