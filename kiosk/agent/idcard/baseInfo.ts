/**
 * The data of a `30 01` reply: text length and photo length (2 bytes each, big-endian), the text block, then the
 * photo. The photo (WLT, decodable only by the vendor's library) is dropped here, so it never leaves the agent.
 */
import { TEXT_BLOCK_BYTES } from './textBlock'

/** The photo block's length in a `30 01` reply. */
export const PHOTO_BYTES = 1024

/** Splits the reply data; returns only the text block. Throws when the lengths do not match the data. */
export function textOfBaseInfo(data: Uint8Array): Uint8Array {
  if (data.length < 4) throw new Error('base information shorter than its length fields')
  const textLength = ((data[0] ?? 0) << 8) | (data[1] ?? 0)
  const photoLength = ((data[2] ?? 0) << 8) | (data[3] ?? 0)
  if (textLength !== TEXT_BLOCK_BYTES || data.length !== 4 + textLength + photoLength)
    throw new Error(
      `base information lengths ${textLength}+${photoLength} do not match ${data.length - 4} bytes`,
    )
  return data.slice(4, 4 + textLength)
}

/** Builds the data of a `30 01` reply (for the simulator): the text block and a photo block of filler. */
export function encodeBaseInfo(
  text: Uint8Array,
  photo: Uint8Array = new Uint8Array(PHOTO_BYTES),
): Uint8Array {
  const data = new Uint8Array(4 + text.length + photo.length)
  data.set([text.length >> 8, text.length & 0xff, photo.length >> 8, photo.length & 0xff], 0)
  data.set(text, 4)
  data.set(photo, 4 + text.length)
  return data
}
