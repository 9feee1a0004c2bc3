/** Drop zone plus file picker for a catalog file; checks size before anything is sent. */
import { useEffect, useRef, useState } from 'preact/hooks'
import { useMessages } from '../consoles/i18n'
import { adminMessages } from './messages'
import { fileProblem } from './uploadFile'

type Props = { disabled: boolean; onFile: (file: File) => void }

/** Hands one chosen or dropped file to `onFile`, or explains why it was refused. */
export function UploadArea({ disabled, onFile }: Props) {
  const m = useMessages(adminMessages)
  const [dragging, setDragging] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const take = (file: File | undefined) => {
    if (!file || disabled) return
    const why = fileProblem(file)
    if (why === 'tooBig') return setProblem(m.fileTooBig(file.name))
    if (why === 'empty') return setProblem(m.fileEmpty(file.name))
    setProblem(null)
    onFile(file)
  }

  const zone = useRef<HTMLDivElement>(null)
  const takeRef = useRef(take)
  takeRef.current = take
  // Drag-and-drop is a mouse convenience; the file picker below is the keyboard path.
  useEffect(() => {
    const el = zone.current
    if (!el) return
    const over = (e: DragEvent) => {
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
      setDragging(true)
    }
    const leave = () => setDragging(false)
    const drop = (e: DragEvent) => {
      e.preventDefault()
      setDragging(false)
      takeRef.current(e.dataTransfer?.files[0])
    }
    el.addEventListener('dragover', over)
    el.addEventListener('dragleave', leave)
    el.addEventListener('drop', drop)
    return () => {
      el.removeEventListener('dragover', over)
      el.removeEventListener('dragleave', leave)
      el.removeEventListener('drop', drop)
    }
  }, [])

  return (
    <div ref={zone} class={dragging ? 'dropzone dragging' : 'dropzone'}>
      <p>{dragging ? m.dropActive : m.dropHere}</p>
      <input
        id="catalog-file"
        class="visually-hidden file-input"
        type="file"
        accept=".json,.csv,application/json,text/csv"
        disabled={disabled}
        onChange={(e) => {
          take(e.currentTarget.files?.[0])
          e.currentTarget.value = ''
        }}
      />
      <label for="catalog-file" class={disabled ? 'button primary disabled' : 'button primary'}>
        {m.chooseFile}
      </label>
      <p class="error" role="alert">
        {problem ?? ''}
      </p>
    </div>
  )
}
