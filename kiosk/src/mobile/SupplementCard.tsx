/**
 * 补正 on the mobile case page: the department's request for one material again, with its reason, and the upload
 * that answers it (the case link's token is its scope while the request is open). The photo is compressed here with
 * the kiosk's rule; once taken the page reads the case again, which then shows the request answered.
 */
import { useState } from 'preact/hooks'
import { MOBILE_SUPPLEMENT_ROUTE, type MobileCaseAnswer } from '../../../mock-backend/src/contract/handoff'
import { tokenFromHash } from './caseRequest'
import { PhotoInput } from './PhotoInput'
import type { MobileLang, MobileStrings } from './strings'
import { sendPhoto } from './uploadRequest'

/** Props: the case, the words, the language, and what to do once answered (read the case again). */
export interface SupplementProps {
  c: MobileCaseAnswer
  t: MobileStrings
  lang: MobileLang
  onAnswered: () => void
}

/** The request and its upload. */
export function SupplementCard({ c, t, lang, onAnswered }: SupplementProps) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const asked = c.supplement
  if (!asked) return null
  async function upload(file: File | undefined) {
    const token = tokenFromHash(location.hash)
    if (!file || !token) return
    setBusy(true)
    setProblem(null)
    const failed = await sendPhoto(MOBILE_SUPPLEMENT_ROUTE, { token }, file, () => {})
    setBusy(false)
    if (failed === null || failed === 'ended') onAnswered()
    else setProblem(failed === 'notImage' ? t.supplementNotImage : t.supplementFailed)
  }
  return (
    <section class="card" aria-labelledby="supplement-title">
      <h2 id="supplement-title" class="warn">
        {t.supplementTitle}
      </h2>
      <p>
        <strong>{asked.material[lang] || asked.material.zh}</strong>
      </p>
      <p>{asked.reason[lang] || asked.reason.zh}</p>
      <PhotoInput
        id="supplement-input"
        label={t.supplementTake}
        multiple={false}
        disabled={busy}
        onFiles={([file]) => upload(file)}
      />
      {busy && (
        <p class="note" role="status">
          {t.supplementSending}
        </p>
      )}
      {problem && (
        <p class="warn" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
