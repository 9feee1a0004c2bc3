/**
 * Builds the 帮办 structured mirror (contract/helpMirror.ts) from what the resident's screen shows: the session's
 * view (screen, item, step, language, elder mode) and every element carrying a stable `data-help-id`. Invariants,
 * with their reasons:
 * - No typed value leaves the kiosk: an input is reported as how many characters it holds, and an element marked
 *   `data-help-private` (an IME candidate, which follows what the resident typed) without its text.
 * - Masked details go in only while the resident's consent lasts (the caller passes them or not).
 * - Everything is trimmed to the contract's limits, so a long catalog name can never get the mirror refused.
 */
import type {
  ConsentedDetails,
  HelpMirror,
  HelpMirrorElement,
} from '../../../mock-backend/src/contract/helpMirror'
import {
  MIRROR_MAX_ELEMENTS,
  MIRROR_MAX_FILLED,
  MIRROR_MAX_ID,
  MIRROR_MAX_LABEL,
} from '../../../mock-backend/src/contract/helpMirrorLimits'

/** The session's part of the mirror. */
export type MirrorView = Omit<HelpMirror, 'elements' | 'details'>

/** What the DOM says of one element with a help id. */
export interface ElementFacts {
  id: string
  input: boolean
  /** Visible text (an input's accessible name). */
  text: string
  enabled: boolean
  /** Text that follows what the resident typed: never sent. */
  private: boolean
  /** An input's value length (the value itself is never read into the mirror). */
  length: number
}

/** The label as the helper reads it: one line, within the limit. */
function labelOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MIRROR_MAX_LABEL)
}

/** One element of the mirror. */
function elementOf(facts: ElementFacts): HelpMirrorElement {
  const element: HelpMirrorElement = {
    id: facts.id.slice(0, MIRROR_MAX_ID),
    role: facts.input ? 'input' : 'button',
    enabled: facts.enabled,
  }
  if (!facts.private) element.label = labelOf(facts.text)
  if (facts.input) element.filled = Math.min(facts.length, MIRROR_MAX_FILLED)
  return element
}

/** The mirror of one screen; `details` only while the resident consents. */
export function buildMirror(
  view: MirrorView,
  elements: readonly ElementFacts[],
  details: ConsentedDetails | null,
): HelpMirror {
  const mirror: HelpMirror = {
    ...view,
    item: view.item && { code: view.item.code, name: labelOf(view.item.name) },
    elements: elements
      .filter((e) => /^\S+$/u.test(e.id))
      .slice(0, MIRROR_MAX_ELEMENTS)
      .map(elementOf),
  }
  if (details && Object.keys(details).length > 0) mirror.details = details
  return mirror
}

/** The elements with a help id under `root` that are rendered, outside `exclude` (the call panel). */
export function collectElements(root: ParentNode, exclude: Node | null): ElementFacts[] {
  const facts: ElementFacts[] = []
  for (const el of root.querySelectorAll<HTMLElement>('[data-help-id]')) {
    if (exclude?.contains(el) || el.getClientRects().length === 0) continue
    const input = el instanceof HTMLInputElement
    facts.push({
      id: el.dataset.helpId ?? '',
      input,
      text: input
        ? (el.getAttribute('aria-label') ?? '')
        : el.textContent || (el.getAttribute('aria-label') ?? ''),
      enabled: !(el as HTMLButtonElement).disabled,
      private: el.hasAttribute('data-help-private'),
      length: input ? el.value.length : 0,
    })
  }
  return facts
}

/** The element with help id `id` under `root`, outside `exclude`. */
export function elementById(root: ParentNode, exclude: Node | null, id: string): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>('[data-help-id]'))
    if (el.dataset.helpId === id && !exclude?.contains(el) && el.getClientRects().length > 0) return el
  return null
}
