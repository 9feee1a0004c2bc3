/**
 * The resident kiosk's code, lazy chunks included, holds no zod: the contract's schemas are the backend's (and
 * the consoles'), the kiosk imports their types only. A value imported from a schema module drags the whole of
 * zod (~24 KiB gzip) into whatever chunk imports it, as HELP_SIGNAL_PATHS once did into the 帮办 call. esbuild
 * bundles the kiosk's entry with every dynamic import, and its metafile names each module that got in.
 */
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

/** Every module the kiosk page can load, through static and dynamic imports. */
async function kioskModules(): Promise<string[]> {
  const result = await build({
    entryPoints: ['kiosk/src/main.tsx'],
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'empty' },
    // Vite's virtual modules (the PWA plugin's) are not files.
    external: ['virtual:*'],
    logLevel: 'silent',
  })
  return Object.keys(result.metafile.inputs)
}

describe('the kiosk page', () => {
  it('loads no zod, eagerly or lazily', async () => {
    const modules = await kioskModules()
    // The walk really covers the lazy side: the 帮办 call and the session's screens are in it.
    expect(modules).toContain('kiosk/src/help/KioskCall.tsx')
    expect(modules).toContain('kiosk/src/ui/sessionScreens.ts')
    expect(modules.filter((m) => m.includes('node_modules/zod/'))).toEqual([])
  })
})
