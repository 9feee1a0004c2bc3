/**
 * Writes the brotli and gzip copies of a built site's text files beside them (`app.js` → `app.js.br`,
 * `app.js.gz`), so the server sends compressed bytes without compressing on each request. Run by the
 * build (vite.precompress.ts); the encodings and file types are staticEncodings.ts's.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { type Coding, ENCODINGS, isCompressible } from './staticEncodings.ts'

const COMPRESS: Record<Coding, (bytes: Buffer) => Buffer> = {
  // Maximum quality: done once per build, and every terminal on a mobile link downloads the result.
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
}

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = join(prefix, entry.name)
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel]
  })
}

/**
 * Compresses every compressible file under `dir` with each encoding, keeping a copy only when it is smaller
 * than the file (a tiny file's gzip header outweighs its savings; the server then sends the file as it is).
 * Returns the copies written, relative to `dir`.
 */
export function precompressDir(dir: string): string[] {
  const written: string[] = []
  for (const rel of filesUnder(dir)) {
    if (!isCompressible(rel) || !statSync(join(dir, rel)).isFile()) continue
    const bytes = readFileSync(join(dir, rel))
    for (const { coding, suffix } of ENCODINGS) {
      const packed = COMPRESS[coding](bytes)
      if (packed.length >= bytes.length) continue
      writeFileSync(join(dir, rel + suffix), packed)
      written.push(rel + suffix)
    }
  }
  return written
}
