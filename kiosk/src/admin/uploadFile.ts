/** Checks on a chosen catalog file before it is sent, and the Content-Type the API expects. */

/** Upload limit of the validate route (mirrors LIMITS.fileBytes in the catalog schema). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/** Content-Type for a catalog file, by extension: CSV, JSON, otherwise let the server sniff. */
export function contentTypeFor(fileName: string): string {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.csv')) return 'text/csv'
  if (lower.endsWith('.json')) return 'application/json'
  return 'application/octet-stream'
}

/** Why a file cannot be uploaded, or null when it can. */
export function fileProblem(file: { size: number }): 'tooBig' | 'empty' | null {
  if (file.size === 0) return 'empty'
  if (file.size > MAX_UPLOAD_BYTES) return 'tooBig'
  return null
}

/** A diff value as text: strings as they are, anything else as compact JSON, empty as null. */
export function diffValueText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.length === 0) return null
  return JSON.stringify(value)
}

/** A chosen file's bytes as base64, as the district catalog routes take an additions file inside their JSON. */
export async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
