/**
 * Precompressed static files: which files the build compresses, the suffix each encoding's copy carries
 * beside the original, and which copy a request's Accept-Encoding gets. The build (vite.precompress.ts)
 * writes the copies and the server (static.ts) picks one, so both read these definitions.
 */

/** Content codings in order of preference: brotli is ~15% smaller than gzip on this build's JS. */
export const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const

/** One content coding the server can send precompressed. */
export type Coding = (typeof ENCODINGS)[number]['coding']

/** Text formats worth compressing; images other than SVG, fonts and audio are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = [
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.webmanifest',
] as const

/** Whether a file name is one the build precompresses (and so one whose response varies by encoding). */
export function isCompressible(fileName: string): boolean {
  const lower = fileName.toLowerCase()
  return COMPRESSIBLE_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

/** The q-value a client gives each coding it names (RFC 9110 §12.5.3); `*` stands for the codings it leaves out. */
function qualities(acceptEncoding: string): Map<string, number> {
  const q = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  return q
}

/**
 * The precompressed codings the client accepts (q > 0), best first; empty means the identity body. A missing
 * header means no coding is known to be understood, so it gets identity, as curl without --compressed expects.
 */
export function acceptedCodings(acceptEncoding: string | undefined): Coding[] {
  if (!acceptEncoding) return []
  const q = qualities(acceptEncoding)
  const star = q.get('*') ?? 0
  return ENCODINGS.map((e) => e.coding).filter((coding) => (q.get(coding) ?? star) > 0)
}

/** The suffix of a coding's precompressed copy. */
export function suffixOf(coding: Coding): string {
  return ENCODINGS.find((e) => e.coding === coding)!.suffix
}
