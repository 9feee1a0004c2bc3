/**
 * Serialises a tree of Preact elements (host elements and text only) to HTML, so the build can put the attract
 * screen's first frame into index.html from the same `h` calls the app renders, without a server-rendering
 * dependency. Function components are refused: their hooks need Preact's renderer.
 */
import type { ComponentChild, VNode } from 'preact'

/** Elements that have no closing tag. */
const VOID_ELEMENTS: readonly string[] = ['img', 'br', 'hr', 'input', 'meta', 'link']

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;')

/** One attribute as Preact's DOM renderer sets it (`aria-*`/`data-*` false as "false", other false ones left out). */
function attribute(name: string, value: unknown): string {
  if (name === 'children' || name === 'key' || name === 'ref' || /^on[A-Z]/.test(name)) return ''
  const attr = name === 'className' ? 'class' : name
  if (value === null || value === undefined) return ''
  if (value === false) return attr[4] === '-' ? ` ${attr}="false"` : ''
  if (value === true) return attr[4] === '-' ? ` ${attr}="true"` : ` ${attr}`
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new Error(`static markup: ${name} is not text`)
  return ` ${attr}="${escapeAttribute(String(value))}"`
}

/** The HTML of `node`. */
export function toStaticHtml(node: ComponentChild): string {
  if (node === null || node === undefined || typeof node === 'boolean') return ''
  if (typeof node === 'string' || typeof node === 'number') return escapeText(String(node))
  if (Array.isArray(node)) return node.map(toStaticHtml).join('')
  const element = node as VNode<Record<string, unknown>>
  if (typeof element.type !== 'string') throw new Error('static markup: only host elements can be serialised')
  const props = element.props
  if ('dangerouslySetInnerHTML' in props) throw new Error('static markup: no raw HTML')
  const attributes = Object.entries(props)
    .map(([name, value]) => attribute(name, value))
    .join('')
  if (VOID_ELEMENTS.includes(element.type)) return `<${element.type}${attributes}>`
  return `<${element.type}${attributes}>${toStaticHtml(props.children as ComponentChild)}</${element.type}>`
}
