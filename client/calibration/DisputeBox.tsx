/** "Dispute this gold value": a comment to the leads about one criterion of one example, and later their reply. */
import { useState } from 'react'
import type { Dispute } from '../../shared/schema/calibration'
import { createDispute } from '../api/calibration'
import { errorMessage } from '../api/http'

interface Props {
  projectId: string
  attemptId: string
  exampleId: string
  criterionId: string
  disputes: Dispute[]
  onCreated: (dispute: Dispute) => void
}

export function DisputeBox({ projectId, attemptId, exampleId, criterionId, disputes, onCreated }: Props) {
  const [open, setOpen] = useState(false)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const mine = disputes.filter((d) => d.exampleId === exampleId && d.criterionId === criterionId)

  const send = async () => {
    setSending(true)
    setError(null)
    try {
      onCreated(await createDispute(projectId, { attemptId, exampleId, criterionId, comment }))
      setComment('')
      setOpen(false)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <div className="dispute">
      {mine.map((d) => (
        <div
          key={d.id}
          className={`dispute__item dispute__item--${d.status}`}
          data-testid="my-dispute"
          data-status={d.status}
        >
          <p>
            <strong>You disputed this gold value:</strong> {d.comment}
          </p>
          {d.status === 'open' ? (
            <p className="muted">Waiting for a lead to reply.</p>
          ) : (
            <p data-testid="dispute-reply">
              <strong>Lead's reply:</strong> {d.reply}
            </p>
          )}
        </div>
      ))}
      {mine.some((d) => d.status === 'open') ? null : open ? (
        <div className="dispute__form">
          <textarea
            className="text-input"
            rows={2}
            data-testid="dispute-comment"
            placeholder="Why do you think the gold value is wrong? Quote the guideline if you can."
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {error && <p className="form-error">{error}</p>}
          <div className="dispute__actions">
            <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="dispute-send"
              disabled={!comment.trim() || sending}
              onClick={send}
            >
              Send dispute
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="link-button dispute__open"
          data-testid="dispute-open"
          onClick={() => setOpen(true)}
        >
          Dispute this gold value
        </button>
      )}
    </div>
  )
}
