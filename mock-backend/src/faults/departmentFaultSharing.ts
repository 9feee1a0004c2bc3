/**
 * The admin's department fault setting (FAULTS=on) on every node: a change is applied here, kept in the
 * `department_faults` settings row and announced; every node applies the row on the notice, and again before
 * each transaction batch and fault route answer (one settings read, only on a shared store with FAULTS=on), so a
 * change on node A is what node B shows and does at its very next request. One node: applied here only.
 */
import { DepartmentFaults } from '../config'
import type { Storage } from '../db/storage'
import type { DepartmentSimulator } from '../departments/simulator'
import type { NodeCoordination } from '../nodes/coordination'
import { NODE_TOPICS } from '../nodes/topics'

/** The settings row that holds the setting every node applies. */
export const DEPARTMENT_FAULTS_SETTING = 'department_faults'

/** Applies and shares the department fault setting (built by createAppDeps). */
export class DepartmentFaultSharing {
  private constructor(
    private readonly nodes: NodeCoordination,
    private readonly store: Storage,
    private readonly departments: DepartmentSimulator,
    /** True on a shared store with the fault routes on: the only case where another node may change it. */
    private readonly watched: boolean,
  ) {}

  /**
   * On a shared store with the fault routes on, listens for changes and takes the setting the running nodes
   * share, if any (a node joining them must not answer differently); otherwise the start-time DEPT_* stay.
   */
  static async start(
    nodes: NodeCoordination,
    store: Storage,
    departments: DepartmentSimulator,
    faultRoutes: boolean,
  ): Promise<DepartmentFaultSharing> {
    const sharing = new DepartmentFaultSharing(nodes, store, departments, nodes.shared && faultRoutes)
    if (sharing.watched) {
      await nodes.subscribe(NODE_TOPICS.departmentFaults, () => {
        sharing.refresh().catch(() => {})
      })
      await sharing.refresh()
    }
    return sharing
  }

  /** Replaces the setting on this node and, on a shared store, on every other. */
  async set(next: DepartmentFaults): Promise<void> {
    this.departments.setFaults(next)
    if (!this.watched) return
    await this.store.putSetting(DEPARTMENT_FAULTS_SETTING, JSON.stringify(next))
    await this.nodes.publish(NODE_TOPICS.departmentFaults, '')
  }

  /** Applies the shared row, when there is one (before each batch and fault route answer); a no-op unless watched. */
  async refresh(): Promise<void> {
    if (!this.watched) return
    const raw = await this.store.getSetting(DEPARTMENT_FAULTS_SETTING)
    if (raw === undefined) return
    const parsed = DepartmentFaults.safeParse(JSON.parse(raw))
    if (parsed.success) this.departments.setFaults(parsed.data)
  }
}
