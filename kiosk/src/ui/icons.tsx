/** Inline SVG icons: terminals have no colour-emoji font, so emoji such as 🔍 would render as boxes. */

/** A magnifier drawn in the current text colour; decorative (the button carries the name). */
export function SearchIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4" />
      <line
        x1="15.5"
        y1="15.5"
        x2="21"
        y2="21"
        stroke="currentColor"
        stroke-width="2.6"
        stroke-linecap="round"
      />
    </svg>
  )
}
