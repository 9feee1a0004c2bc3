/** Vite plugin: after the build (the service worker included) writes brotli and gzip copies of its text files. */
import type { Plugin } from 'vite'
import { precompressDir } from './mock-backend/src/precompress.ts'

/** Precompresses the output directory once every other plugin, vite-plugin-pwa's service worker build too, is done. */
export function precompressOutput(outDir: string): Plugin {
  return {
    name: 'precompress-output',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const written = precompressDir(outDir)
        this.info?.(`precompressed ${written.length} files (br, gzip)`)
      },
    },
  }
}
