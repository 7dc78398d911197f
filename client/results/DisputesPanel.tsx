/** Disputed gold values: open ones first, each with the annotator's comment and a reply that resolves it. */
import { useState } from 'react'
import type { Dispute } from '../../shared/schema/calibration'
import { resolveDispute } from '../api/calibration'
import { errorMessage } from '../api/http'
import { formatRelativeTime } from '../ui/formatTime'

interface Props {
  projectId: string
  disputes: Dispute[]
  exampleTitle: (id: string) => string
  criterionTitle: (id: string) => string
  onResolved: () => void
}

function DisputeRow({
  projectId,
  dispute,
  exampleTitle,
  criterionTitle,
  onResolved,
}: Omit<Props, 'disputes'> & { dispute: Dispute }) {
  const [reply, setReply] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const resolve = async () => {
    setBusy(true)
    setError(null)
    try {
      await resolveDispute(projectId, dispute.id, reply)
      onResolved()
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }
  return (
    <li
      className={`dispute-row dispute-row--${dispute.status}`}
      data-testid="dispute-row"
      data-status={dispute.status}
    >
      <div className="dispute-row__head">
        <strong>{dispute.userName}</strong> disputes <strong>{criterionTitle(dispute.criterionId)}</strong> on
        “{exampleTitle(dispute.exampleId)}”{' '}
        <span className="muted">
          · v{dispute.version} · {formatRelativeTime(dispute.createdAt)}
        </span>
      </div>
      <p className="dispute-row__comment">{dispute.comment}</p>
      {dispute.status === 'resolved' ? (
        <p className="dispute-row__reply">
          <strong>Reply:</strong> {dispute.reply}
        </p>
      ) : (
        <div className="dispute-row__form">
          <textarea
            className="text-input"
            rows={2}
            data-testid="dispute-reply-input"
            placeholder="Explain the gold value, or say what you'll change in the next version."
            value={reply}
            onChange={(e) => setReply(e.target.value)}
          />
          <button
            type="button"
            className="button button--primary"
            data-testid="dispute-resolve"
            disabled={!reply.trim() || busy}
            onClick={resolve}
          >
            Reply and resolve
          </button>
          {error && <p className="form-error">{error}</p>}
        </div>
      )}
    </li>
  )
}

export function DisputesPanel(props: Props) {
  const sorted = [...props.disputes].sort((a, b) =>
    a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'open' ? -1 : 1,
  )
  if (sorted.length === 0)
    return <p className="muted">No disputes. Annotators can dispute a gold value from their feedback.</p>
  return (
    <ul className="dispute-list" data-testid="disputes">
      {sorted.map((d) => (
        <DisputeRow key={d.id} dispute={d} {...props} />
      ))}
    </ul>
  )
}
