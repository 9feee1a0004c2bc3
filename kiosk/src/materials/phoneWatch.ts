/**
 * The kiosk's side of 用手机拍照上传: starts the session for the record's key, then polls its photos until stopped,
 * removes one when told, and ends the session when stopped (idle reset, submit, cancel), so its code stops working.
 *
 * Polling, not a socket: the session lives in the store every node shares, so any node answers a poll and no
 * sticky connection is needed; the kiosk keeps no socket to the backend outside a 帮办 call. While no phone has
 * opened the code, the poll starts at PHONE_POLL.firstMs and backs off by PHONE_POLL.factor up to PHONE_POLL.maxMs
 * (a code nobody scans costs little); once a phone has opened it, the resident is taking photos and the poll stays
 * at PHONE_POLL.openedMs, so a photo shows within about a second of its upload (tests/bench phone.upload).
 */
import type { PhonePhotos } from '../../../mock-backend/src/contract/phoneUploads'
import type { FlowEvent, PhoneUploadCommand, PhoneUploadInput } from '../machines/serviceFlowMachine'
import type { materialCalls } from './materialClient'

/** The poll's intervals (ms). */
export const PHONE_POLL = { firstMs: 1000, factor: 1.5, maxMs: 4000, openedMs: 1000 } as const

type Calls = Pick<
  ReturnType<typeof materialCalls>,
  'phoneStart' | 'phonePhotos' | 'phonePhoto' | 'phoneRemove' | 'phoneEnd'
>

/** Base64 bytes as a Blob of their type. */
const blobOf = (data: string, type: string) =>
  new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], { type })

/** What the photos look like, to tell a change. */
const shapeOf = (answer: PhonePhotos) =>
  `${answer.opened}|${answer.state}|${answer.photos.map((p) => p.contentHash).join(',')}`

/** Runs one session; returns the stop function (a callback actor's cleanup). */
export function watchPhoneUpload(
  calls: Calls,
  newKey: () => string,
  input: PhoneUploadInput,
  sendBack: (event: FlowEvent) => void,
  receive: (listener: (command: PhoneUploadCommand) => void) => void,
): () => void {
  let stopped = false
  let token: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let delay: number = PHONE_POLL.firstMs
  let last = ''
  // The previews fetched so far (in memory only, gone with the flow at the idle reset).
  const images: Record<string, Blob> = {}
  const recordKey = input.recordKey ?? newKey()

  const report = async (answer: PhonePhotos) => {
    for (const photo of answer.photos)
      if (!images[photo.contentHash] && photo.mediaType !== 'application/pdf' && token !== null)
        try {
          const bytes = await calls.phonePhoto(token, photo.contentHash)
          images[photo.contentHash] = blobOf(bytes.data, bytes.mediaType)
        } catch {
          // No preview for this one; the photo is listed all the same.
        }
    if (stopped) return
    const shape = shapeOf(answer)
    delay = answer.opened
      ? PHONE_POLL.openedMs
      : shape === last
        ? Math.min(delay * PHONE_POLL.factor, PHONE_POLL.maxMs)
        : PHONE_POLL.firstMs
    last = shape
    sendBack({ type: 'phone.photos', answer, images: { ...images } })
  }
  const poll = async () => {
    if (stopped || token === null) return
    try {
      const answer = await calls.phonePhotos(token)
      if (stopped) return
      await report(answer)
      if (answer.state !== 'open') return
    } catch {
      delay = PHONE_POLL.maxMs
    }
    if (!stopped) timer = setTimeout(poll, delay)
  }

  calls.phoneStart(recordKey, input.itemCode).then(
    (started) => {
      token = started.token
      if (stopped) {
        void calls.phoneEnd(started.token).catch(() => undefined)
        return
      }
      sendBack({ type: 'phone.started', recordKey, url: started.url, expiresAt: started.expiresAt })
      timer = setTimeout(poll, delay)
    },
    () => {
      if (!stopped) sendBack({ type: 'phone.failed' })
    },
  )
  receive((command) => {
    if (command.type !== 'phone.remove' || token === null) return
    calls.phoneRemove(token, command.contentHash).then(
      (answer) => {
        if (!stopped) void report(answer)
      },
      () => undefined,
    )
  })
  return () => {
    stopped = true
    clearTimeout(timer)
    if (token !== null) void calls.phoneEnd(token).catch(() => undefined)
  }
}
