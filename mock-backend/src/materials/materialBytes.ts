/**
 * Where materials' sealed bytes are kept, behind one small interface every node shares: a folder (DATA_DIR/materials
 * on SQLite, or MATERIALS_DIR, a folder all nodes mount), or the database (PostgreSQL's default). An object store
 * would be a third implementation. The bytes arrive sealed (Fingerprints.sealBytes): neither place holds an image.
 */
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../config'
import type { MaterialRef } from '../db/materialRows'
import type { Storage } from '../db/storage'

/** A place for sealed material bytes. */
export interface MaterialBytes {
  /** Which kind of place, for the log at start. */
  readonly where: 'folder' | 'database'
  /** Keeps the bytes whole or not at all. */
  put(ref: MaterialRef, sealed: Uint8Array): Promise<void>
  get(ref: MaterialRef): Promise<Buffer | undefined>
  /** Deletes the bytes; nothing to delete is not an error. */
  delete(ref: MaterialRef): Promise<void>
  /**
   * Deletes what a crash left behind, last changed before `before`: half-written temporaries, and bytes whose row
   * was never added (`named` says whether a row names a ref). Returns how many went.
   */
  sweepStrays(before: Date, named: (ref: MaterialRef) => Promise<boolean>): Promise<number>
}

/** Writes `bytes` to a new file at `path` (mode 0600) and syncs it; a test replaces it to fail like a full disk. */
export type FileWriter = (path: string, bytes: Uint8Array) => Promise<void>

/** The real writer: exclusive create with mode 0600, write, fsync, close. */
export const writeSyncedFile: FileWriter = async (path, bytes) => {
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** A material's file name: the district, the record key and the keyed hash (none of them resident data). */
export const materialFileName = (ref: MaterialRef) =>
  `${ref.districtCode}-${ref.recordKey}-${ref.contentHash}.sealed`

const SEALED_SUFFIX = '.sealed'
const TEMPORARY_SUFFIX = '.tmp'

/** The ref a material's file name holds (the inverse of `materialFileName`); undefined for any other name. */
export function materialRefOfFileName(name: string): MaterialRef | undefined {
  if (!name.endsWith(SEALED_SUFFIX)) return undefined
  const stem = name.slice(0, -SEALED_SUFFIX.length)
  // The district has no hyphen and the hash is hex: the record key (a UUID) is what lies between.
  const first = stem.indexOf('-')
  const last = stem.lastIndexOf('-')
  if (first <= 0 || last <= first + 1 || last === stem.length - 1) return undefined
  return {
    districtCode: stem.slice(0, first),
    recordKey: stem.slice(first + 1, last),
    contentHash: stem.slice(last + 1),
  }
}

/** Files in one folder (0700), each 0600, written to a temporary name and renamed: whole or absent. */
export class FolderMaterialBytes implements MaterialBytes {
  readonly where = 'folder'
  private ready: Promise<void> | null = null

  constructor(
    readonly dir: string,
    private readonly write: FileWriter = writeSyncedFile,
  ) {}

  /** Creates the folder on first use (a server that never receives a material makes none). */
  private prepare(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 })
      .then(() => chmod(this.dir, 0o700))
      .catch((err: unknown) => {
        this.ready = null
        throw err
      })
    return this.ready
  }

  async put(ref: MaterialRef, sealed: Uint8Array): Promise<void> {
    await this.prepare()
    const path = join(this.dir, materialFileName(ref))
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await this.write(temporary, sealed)
      await rename(temporary, path)
    } catch (err) {
      // A full disk (or any failure) leaves no half file behind.
      await rm(temporary, { force: true })
      throw err
    }
  }

  async get(ref: MaterialRef): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.dir, materialFileName(ref)))
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return undefined
      throw err
    }
  }

  async delete(ref: MaterialRef): Promise<void> {
    await rm(join(this.dir, materialFileName(ref)), { force: true })
  }

  async sweepStrays(before: Date, named: (ref: MaterialRef) => Promise<boolean>): Promise<number> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return 0
      throw err
    }
    let swept = 0
    for (const name of names) {
      const ref = materialRefOfFileName(name)
      if (!ref && !name.endsWith(TEMPORARY_SUFFIX)) continue
      const path = join(this.dir, name)
      const changed = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      )
      // Younger files may be an upload in flight: its row comes once its bytes are whole.
      if (changed === undefined || changed >= before.getTime()) continue
      if (ref && (await named(ref))) continue
      await rm(path, { force: true })
      swept += 1
    }
    return swept
  }
}

/** Sealed bytes in the database (the `material_bytes` table), for PostgreSQL nodes without a shared folder. */
export class StoreMaterialBytes implements MaterialBytes {
  readonly where = 'database'
  constructor(private readonly store: Storage) {}
  put(ref: MaterialRef, sealed: Uint8Array): Promise<void> {
    return this.store.materials.putBytes(ref, sealed)
  }
  get(ref: MaterialRef): Promise<Buffer | undefined> {
    return this.store.materials.getBytes(ref)
  }
  delete(ref: MaterialRef): Promise<void> {
    return this.store.materials.deleteBytes(ref)
  }
  /**
   * Bytes rows keep no time, so a row-less one cannot be told from an upload in flight: left alone (the window is
   * one statement wide, and the terminal's retry adds the row). Nothing half-written exists in a database.
   */
  async sweepStrays(): Promise<number> {
    return 0
  }
}

/** The folder named by MATERIALS_DIR; else the database when several nodes may share the store; else DATA_DIR/materials. */
export function materialBytesFor(
  config: Pick<Config, 'materialsDir' | 'dataDir'>,
  store: Storage,
  write?: FileWriter,
): MaterialBytes {
  if (config.materialsDir) return new FolderMaterialBytes(config.materialsDir, write)
  if (store.nodes?.shared) return new StoreMaterialBytes(store)
  return new FolderMaterialBytes(join(config.dataDir, 'materials'), write)
}
