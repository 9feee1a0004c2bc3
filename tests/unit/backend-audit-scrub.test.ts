/**
 * The audit log's last line of defence: whatever a caller passes, a target or detail shaped like resident data
 * (an ID or phone number, a masked name) is blanked before it is stored, and everything else is kept as given.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CLI_ACTOR, SqlAuditLog, withoutResidentData } from '../../mock-backend/src/audit/auditLog'
import { proxyTrust } from '../../mock-backend/src/clientAddress'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'

describe('audit entries hold no resident data', () => {
  it('blanks ID numbers, phone numbers and masked names, and keeps ids, versions and hashes', () => {
    expect(withoutResidentData('44160019900101123X')).toBe('…')
    expect(withoutResidentData('lookup 441600199001011234 done')).toBe('lookup … done')
    expect(withoutResidentData('回访 13800138000')).toBe('回访 …')
    expect(withoutResidentData('李* 张**')).toBe('… …')
    for (const kept of ['T-3F2A9C01', 'v12', 'clerk.li', 'village,town-centre', 'SB2026112300001x', '42'])
      expect(withoutResidentData(kept)).toBe(kept)
  })

  it('stores the blanked text, with the time of the injected clock, and pages it back', async () => {
    const db = new Database(':memory:')
    migrate(db)
    const store = new SqliteStorage(db)
    const log = new SqlAuditLog(store.audit, () => new Date('2026-11-23T01:00:00.000Z'), proxyTrust([]))
    await log.recordLocal(CLI_ACTOR, 'cli@host', 'account.update', '13800138000', {
      note: '张三 李* 44160019900101123X',
      n: 3,
    })
    expect(await log.page({ limit: 10 })).toEqual({
      entries: [
        {
          id: 1,
          at: '2026-11-23T01:00:00.000Z',
          actorKind: 'cli',
          actor: 'cli',
          role: 'cli',
          address: 'cli@host',
          action: 'account.update',
          target: '…',
          detail: { note: '张三 … …', n: 3 },
        },
      ],
      next: null,
    })
    db.close()
  })
})
