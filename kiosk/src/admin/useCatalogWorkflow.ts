/**
 * The catalog publishing path shared by file uploads and group edits:
 * upload (with progress) → validation report → diff → publish.
 */
import { useCallback, useRef, useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { CatalogDiff, PublishAnswer, ValidateAnswer } from '../consoles/apiTypes'
import type { StaffClient } from '../consoles/staffClient'
import { canPublish } from './problems'

/** Where the candidate came from, shown above its report. */
export type CandidateSource = { kind: 'file'; name: string } | { kind: 'groups' }

/** Progress of the diff request that follows a validation. */
export type DiffState =
  | { status: 'loading' }
  | { status: 'ok'; diff: CatalogDiff }
  | { status: 'error'; error: unknown }

/** The workflow's visible state. */
export type WorkflowState =
  | { step: 'idle' }
  | { step: 'uploading'; source: CandidateSource; fraction: number | null }
  | { step: 'validating'; source: CandidateSource }
  | { step: 'report'; source: CandidateSource; report: ValidateAnswer; diff: DiffState | null }
  | { step: 'failed'; source: CandidateSource; error: unknown }

/** State plus the actions the upload area, groups editor and publish button call. */
export function useCatalogWorkflow(client: StaffClient, onPublished: (answer: PublishAnswer) => void) {
  const [state, setState] = useState<WorkflowState>({ step: 'idle' })
  const [published, setPublished] = useState<PublishAnswer | null>(null)
  const [publishError, setPublishError] = useState<unknown>(null)
  const [publishing, setPublishing] = useState(false)
  const run = useRef(0)

  const validate = useCallback(
    async (body: Blob, source: CandidateSource, fileName: string, contentType: string) => {
      const mine = ++run.current
      setPublished(null)
      setPublishError(null)
      setState({ step: 'uploading', source, fraction: 0 })
      try {
        const report = await client.upload(ADMIN_ROUTES.validate, body, {
          fileName,
          contentType,
          onProgress: (p) => {
            if (mine !== run.current) return
            setState(
              p.phase === 'uploading'
                ? { step: 'uploading', source, fraction: p.fraction }
                : { step: 'validating', source },
            )
          },
        })
        if (mine !== run.current) return
        // The server refuses to diff a candidate with errors; there is nothing to publish anyway.
        const candidateId = canPublish(report) ? report.candidateId : null
        setState({ step: 'report', source, report, diff: candidateId ? { status: 'loading' } : null })
        if (!candidateId) return
        try {
          const diff = await client.call(ADMIN_ROUTES.diff, { body: { candidateId } })
          if (mine === run.current) setState({ step: 'report', source, report, diff: { status: 'ok', diff } })
        } catch (error) {
          if (mine === run.current)
            setState({ step: 'report', source, report, diff: { status: 'error', error } })
        }
      } catch (error) {
        if (mine === run.current) setState({ step: 'failed', source, error })
      }
    },
    [client],
  )

  const publish = useCallback(
    async (note: string) => {
      if (state.step !== 'report' || !state.report.candidateId) return
      setPublishing(true)
      setPublishError(null)
      try {
        const trimmed = note.trim()
        const answer = await client.call(ADMIN_ROUTES.publish, {
          body: { candidateId: state.report.candidateId, ...(trimmed ? { note: trimmed } : {}) },
        })
        run.current++
        setPublished(answer)
        setState({ step: 'idle' })
        onPublished(answer)
      } catch (error) {
        setPublishError(error)
      } finally {
        setPublishing(false)
      }
    },
    [client, state, onPublished],
  )

  return { state, published, publishError, publishing, validate, publish }
}
