/** The phone pages' way to take photos: a large label over a file input that opens the camera (`capture`). */

/** Props: the input's id, the label, many photos or one, disabled while sending, and what to do with the files. */
export function PhotoInput(props: {
  id: string
  label: string
  multiple: boolean
  disabled: boolean
  onFiles: (files: File[]) => Promise<void>
}) {
  return (
    <>
      <label class="take" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        class="take-input"
        type="file"
        accept="image/*"
        capture="environment"
        multiple={props.multiple}
        disabled={props.disabled}
        onChange={(event) => {
          const input = event.currentTarget
          // Emptied once sent, so the same photo may be chosen again.
          void props.onFiles(Array.from(input.files ?? [])).then(() => {
            input.value = ''
          })
        }}
      />
    </>
  )
}
