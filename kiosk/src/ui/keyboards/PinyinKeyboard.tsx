/**
 * On-screen keyboard that types Chinese: letters build a pinyin syllable, a candidate bar offers the
 * characters (most common first); "英文/ABC" mode types letters and digits directly. The character
 * table is a lazily loaded chunk, so the resident entry stays small.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Candidates, PinyinTable } from '../ime/pinyinIme'
import { candidatesFor, parsePinyinTable } from '../ime/pinyinIme'
import { useUi } from '../uiContext'

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const
const PUNCTUATION = ['-', '#', '·', '（', '）'] as const

let tablePromise: Promise<PinyinTable> | null = null
const loadTable = () => {
  tablePromise ??= import('../ime/pinyinTable').then((m) => parsePinyinTable(m.PINYIN_TABLE))
  return tablePromise
}

/** Props: the edited value, its cap and the starting mode. */
export interface PinyinKeyboardProps {
  value: string
  onChange: (value: string) => void
  maxLength: number
  label: string
  startLatin?: boolean
}

/** Pinyin + candidates, with a Latin mode for codes and plate letters. */
export function PinyinKeyboard({ value, onChange, maxLength, label, startLatin }: PinyinKeyboardProps) {
  const { tr, elder } = useUi()
  const [table, setTable] = useState<PinyinTable | null>(null)
  const [latin, setLatin] = useState(Boolean(startLatin))
  const [buffer, setBuffer] = useState('')
  const [page, setPage] = useState(0)
  useEffect(() => {
    let alive = true
    loadTable()
      .then((t) => alive && setTable(t))
      .catch(() => alive && setLatin(true))
    return () => {
      alive = false
    }
  }, [])
  const perPage = elder ? 6 : 10
  const candidates: Candidates = table && !latin ? candidatesFor(buffer, table) : { consumed: 0, chars: [] }
  const pages = Math.max(1, Math.ceil(candidates.chars.length / perPage))
  const shown = candidates.chars.slice(page * perPage, page * perPage + perPage)

  const append = (text: string) => {
    if (Array.from(value).length + Array.from(text).length <= maxLength) onChange(value + text)
  }
  const typeLetter = (k: string) => {
    if (latin) append(k.toUpperCase())
    else if (buffer.length < 12) {
      setBuffer(buffer + k)
      setPage(0)
    }
  }
  const choose = (c: string) => {
    append(c)
    setBuffer(buffer.slice(candidates.consumed))
    setPage(0)
  }
  const remove = () => {
    if (buffer) {
      setBuffer(buffer.slice(0, -1))
      setPage(0)
    } else onChange(Array.from(value).slice(0, -1).join(''))
  }
  const mode = latin ? tr('imeAbc') : tr('imeZh')
  return (
    <fieldset class="letters ime" aria-label={label}>
      {!latin && (
        <div class="ime-bar">
          <output class="ime-buffer" aria-label={tr('imePinyin')}>
            {table ? buffer : tr('imeLoading')}
          </output>
          <fieldset class="ime-candidates" aria-label={tr('imeCandidates')}>
            {page > 0 && (
              <button
                type="button"
                class="key key-muted"
                data-help-id="ime.less"
                aria-label={tr('imeLess')}
                onClick={() => setPage(page - 1)}
              >
                ‹
              </button>
            )}
            {shown.map((c, i) => (
              // A candidate follows what the resident typed: the mirror shows its place, never its text.
              <button
                type="button"
                key={c}
                class="key key-candidate"
                data-help-id={`ime.candidate.${i}`}
                data-help-private=""
                onClick={() => choose(c)}
              >
                {c}
              </button>
            ))}
            {page < pages - 1 && (
              <button
                type="button"
                class="key key-muted"
                data-help-id="ime.more"
                aria-label={tr('imeMore')}
                onClick={() => setPage(page + 1)}
              >
                ›
              </button>
            )}
          </fieldset>
        </div>
      )}
      {ROWS.map((row) => (
        <div class="letters-row" key={row}>
          {Array.from(row).map((k) =>
            /\d/.test(k) ? (
              <button
                type="button"
                key={k}
                class="key key-letter"
                data-help-id={`key.${k}`}
                onClick={() => append(k)}
              >
                {k}
              </button>
            ) : (
              <button
                type="button"
                key={k}
                class="key key-letter"
                data-help-id={`key.${k}`}
                onClick={() => typeLetter(k)}
              >
                {latin ? k.toUpperCase() : k}
              </button>
            ),
          )}
        </div>
      ))}
      <div class="letters-row">
        {PUNCTUATION.map((p) => (
          <button
            type="button"
            key={p}
            class="key key-letter"
            data-help-id={`key.${p}`}
            onClick={() => append(p)}
          >
            {p}
          </button>
        ))}
      </div>
      <div class="letters-row">
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="ime.switch"
          aria-label={tr('imeSwitch', { mode })}
          onClick={() => {
            setLatin(!latin)
            setBuffer('')
          }}
        >
          {mode}
        </button>
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="key.space"
          onClick={() => (buffer && shown[0] ? choose(shown[0]) : append(' '))}
        >
          {tr('keySpace')}
        </button>
        <button type="button" class="key key-muted key-wide" data-help-id="key.delete" onClick={remove}>
          {tr('keyDelete')}
        </button>
        <button
          type="button"
          class="key key-muted key-wide"
          data-help-id="key.clear"
          onClick={() => {
            setBuffer('')
            onChange('')
          }}
        >
          {tr('keyClear')}
        </button>
      </div>
    </fieldset>
  )
}
