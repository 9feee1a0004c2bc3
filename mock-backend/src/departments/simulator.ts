/**
 * The simulated department systems as the ingest route sees them: one call per submission,
 * with configurable latency, random failures and outages, deterministic under DEPT_SEED.
 */

import type { ServiceItem } from '../../../services-catalog/src/schema'
import type { DepartmentFault, DepartmentFaults } from '../config'
import type { DepartmentResult, TransactionRecord } from '../contract'
import { amountDue, buildResult } from './answer'
import { referenceNumber } from './common'
import { seededRng } from './prng'
import { adapterFor } from './registry'

/** What a department answered: a result, or a temporary failure worth retrying. */
export type DepartmentAnswer =
  /** `refused`: the department refused a 缴费 it was paid for (its reason); the centre refunds the payment. */
  | { ok: true; result: DepartmentResult; refused?: string }
  | { ok: false; code: 502 | 503 | 504; message: string }

/** One submission to a department. */
export interface DepartmentRequest {
  item: ServiceItem
  record: TransactionRecord
  departmentName: string
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  day: string
  /**
   * Claims a reference number for this submission: false when another record already holds it. The reference is
   * also the 办件编号 a resident types to look a case up, so it must name one case. `day` is the request's day,
   * which every reference of it carries. Absent: no check.
   */
  claimReference?: (reference: string, day: string) => boolean
}

/** What the gateway asks a department before a 缴费 is paid. */
export interface QuoteRequest {
  item: ServiceItem
  departmentName: string
  fields: Record<string, string>
  orderId: string
  /** `YYYY-MM-DD` in Asia/Shanghai, and the instant, of the order. */
  day: string
  at: string
}

/** Draws before a day whose serials are nearly all taken keeps a duplicate rather than loop on. */
const REFERENCE_DRAWS = 20

const NO_FAULT: DepartmentFault = { latencyMs: 0, failureRate: 0, outage: false }
/** Longest a terminal's request is held; slower departments answer "retry later". */
export const DEPARTMENT_TIMEOUT_MS = 10_000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Holds the fault settings and answers submissions. */
export class DepartmentSimulator {
  private current: DepartmentFaults
  private readonly attempts = new Map<string, number>()

  constructor(
    private readonly seed: string,
    faults: DepartmentFaults = {},
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.current = structuredClone(faults)
  }

  /** All configured faults (`*` = every other department). */
  faults(): DepartmentFaults {
    return structuredClone(this.current)
  }

  /** Replaces the fault settings (admin endpoint). */
  setFaults(faults: DepartmentFaults): void {
    this.current = structuredClone(faults)
  }

  /** The effective fault for one department. */
  faultFor(code: string): DepartmentFault {
    return this.current[code] ?? this.current['*'] ?? NO_FAULT
  }

  /**
   * Answers at once, without a Promise, when the department has no latency configured (the normal case):
   * ingest then runs a whole batch synchronously instead of creating 200 Promises. Null when it must wait.
   */
  submitNow(req: DepartmentRequest): DepartmentAnswer | null {
    const fault = this.faultFor(req.item.department)
    return fault.latencyMs > 0 ? null : this.answer(req, fault)
  }

  /** Sends one submission to the simulated department system (waits out its configured latency). */
  async submit(req: DepartmentRequest): Promise<DepartmentAnswer> {
    const fault = this.faultFor(req.item.department)
    if (fault.latencyMs > 0) await this.wait(Math.min(fault.latencyMs, DEPARTMENT_TIMEOUT_MS))
    return this.answer(req, fault)
  }

  /**
   * What a 缴费 costs before it is submitted (the payment gateway asks when it creates an order): the one rule of
   * answer.ts, with the randomness of the order's id. A department that is down cannot say, as for a submission.
   */
  quote(req: QuoteRequest): { ok: true; amountFen: number } | Extract<DepartmentAnswer, { ok: false }> {
    const code = req.item.department
    if (this.faultFor(code).outage)
      return { ok: false, code: 503, message: `部门系统 ${code} 暂停服务 (department system is down)` }
    const record = {
      key: req.orderId,
      sessionId: req.orderId,
      itemCode: req.item.code,
      catalogVersion: 0,
      createdAt: req.at,
      fields: req.fields,
    }
    const rng = seededRng(this.seed, req.orderId)
    const ctx = { ...req, record, rng, reference: '' }
    return { ok: true, amountFen: amountDue(adapterFor(code), ctx) }
  }

  /**
   * What one household member owes for a 缴费 this year (家庭缴费): the one rule of answer.ts, with the randomness of
   * the item, the member's handle and the year, so the list the payer ticks and the order's lines agree.
   */
  memberDue(
    req: Omit<QuoteRequest, 'orderId'> & { member: string },
  ): { ok: true; amountFen: number } | Extract<DepartmentAnswer, { ok: false }> {
    return this.quote({ ...req, orderId: `${req.item.code}|${req.member}|${req.day.slice(0, 4)}` })
  }

  /**
   * Why the department refuses a member's line of a paid 家庭缴费, or null: a premium already paid this year through
   * another channel is not collected twice (the centre refunds that line).
   */
  refusesMember(member: { paidThisYearElsewhere: boolean }): string | null {
    return member.paidThisYearElsewhere
      ? '该成员本年度已在其他渠道缴费，不予重复收缴 (already paid this year elsewhere)'
      : null
  }

  private answer(req: DepartmentRequest, fault: DepartmentFault): DepartmentAnswer {
    const code = req.item.department
    if (fault.outage)
      return { ok: false, code: 503, message: `部门系统 ${code} 暂停服务 (department system is down)` }
    if (fault.latencyMs > DEPARTMENT_TIMEOUT_MS) {
      return { ok: false, code: 504, message: `部门系统 ${code} 响应超时 (department system timed out)` }
    }
    const key = req.record.key
    const attempt = (this.attempts.get(key) ?? 0) + 1
    this.attempts.set(key, attempt)
    if (this.attempts.size > 50_000) this.attempts.clear()
    if (fault.failureRate > 0 && seededRng(this.seed, `${key}#fail#${attempt}`).next() < fault.failureRate) {
      return { ok: false, code: 502, message: `部门系统 ${code} 返回错误 (department system error)` }
    }
    const rng = seededRng(this.seed, key)
    let reference = referenceNumber(req.item.kind, req.day, rng.int(1, 99_999))
    for (
      let draw = 1;
      req.claimReference && !req.claimReference(reference, req.day) && draw < REFERENCE_DRAWS;
      draw++
    )
      reference = referenceNumber(req.item.kind, req.day, rng.int(1, 99_999))
    const adapter = adapterFor(code)
    const result = buildResult(adapter, {
      item: req.item,
      record: req.record,
      departmentName: req.departmentName,
      rng,
      reference,
      day: req.day,
    })
    // The switch that makes a department refuse what it was paid for (FAULTS=on): the centre then refunds.
    if (fault.refusePayments && req.item.kind === '缴费')
      return { ok: true, result, refused: '部门不予受理：本期费用已缴清 (already paid for this period)' }
    return { ok: true, result }
  }
}
