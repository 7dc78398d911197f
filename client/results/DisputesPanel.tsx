/**
 * Disputed gold values: open ones first, each with the annotator's comment and a reply that resolves it with
 * an outcome — the gold stands, or it was wrong (the lead is then taken to the example in the editor to fix
 * it; the dispute shows "fix pending" until a published version corrects the gold and re-scores attempts).
 */
import { useState } from 'react'
import type { Dispute, DisputeOutcome } from '../../shared/schema/calibration'
import { resolveDispute } from '../api/calibration'
import { errorMessage } from '../api/http'
import { Link } from '../app/Link'
import { navigate, projectPath } from '../app/router'
import { formatRelativeTime } from '../ui/formatTime'

/** The example in the editor, where its gold is edited. */
const editorLink = (projectId: string, exampleId: string) =>
  `${projectPath(projectId)}#${encodeURIComponent(exampleId)}`

function Outcome({ projectId, dispute }: { projectId: string; dispute: Dispute }) {
  if (dispute.outcome === 'gold_stands')
    return (
      <span className="pill pill--ok" data-testid="dispute-outcome">
        Gold stands
      </span>
    )
  if (dispute.outcome !== 'gold_wrong') return null
  if (dispute.fixedInVersion)
    return (
      <span className="pill pill--ok" data-testid="dispute-outcome">
        Gold fixed in v{dispute.fixedInVersion} · attempts re-scored
      </span>
    )
  return (
    <span data-testid="dispute-outcome">
      <span className="pill pill--miss">Gold wrong · fix pending</span>{' '}
      <Link href={editorLink(projectId, dispute.exampleId)}>Edit the gold in the editor</Link>
    </span>
  )
}

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
  const resolve = async (outcome: DisputeOutcome) => {
    setBusy(true)
    setError(null)
    try {
      await resolveDispute(projectId, dispute.id, reply, outcome)
      if (outcome === 'gold_wrong') navigate(editorLink(projectId, dispute.exampleId))
      else onResolved()
    } catch (e) {
      setError(errorMessage(e))
      setBusy(false)
    }
  }
  return (
    <li
      id={`dispute-${dispute.id}`}
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
        <>
          <p className="dispute-row__reply">
            <Outcome projectId={projectId} dispute={dispute} />
          </p>
          <p className="dispute-row__reply">
            <strong>Reply:</strong> {dispute.reply}
          </p>
        </>
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
            className="button button--secondary"
            data-testid="dispute-gold-stands"
            disabled={!reply.trim() || busy}
            onClick={() => resolve('gold_stands')}
          >
            Gold stands
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="dispute-gold-wrong"
            title="Resolve in the annotator's favour and open the example to fix its gold"
            disabled={!reply.trim() || busy}
            onClick={() => resolve('gold_wrong')}
          >
            Gold was wrong — fix it
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
