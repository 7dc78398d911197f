/**
 * The gold audit on the results page: per example and criterion, how many agree with gold (difficulty), how
 * agreeing here tracks annotators' scores elsewhere (discrimination), the most common wrong answer, and the
 * suspect-gold / ambiguous flags — each with a link to the example in the editor and to its disputes.
 * Flagged items come first; the rest are folded after the hardest few.
 */
import { useState } from 'react'
import type { Dispute } from '../../shared/schema/calibration'
import type { GoldAudit, GoldAuditItem } from '../../shared/schema/goldAudit'
import { goldAuditCsvUrl } from '../api/goldAudit'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'
import '../styles/goldAudit.css'

const UNFLAGGED_SHOWN = 8
const pct = (v: number) => `${Math.round(v * 100)} %`

function FlagPills({ item }: { item: GoldAuditItem }) {
  if (item.flags.length === 0) return <span className="muted">{item.note ?? '—'}</span>
  return (
    <>
      {item.flags.map((flag) => (
        <span key={flag} className={`audit-flag audit-flag--${flag}`} data-testid={`flag-${flag}`}>
          {flag === 'suspect_gold' ? 'Suspect gold' : 'Ambiguous'}
        </span>
      ))}
      {item.note && <div className="audit-note">{item.note}</div>}
    </>
  )
}

function AuditRow({
  projectId,
  item,
  disputes,
}: {
  projectId: string
  item: GoldAuditItem
  disputes: Dispute[]
}) {
  const mine = disputes.filter(
    (d) => d.exampleId === item.exampleId && d.criterionId === (item.slotKey ?? item.criterionId),
  )
  const open = mine.filter((d) => d.status === 'open').length
  const d = item.discrimination
  return (
    <tr
      data-testid="audit-row"
      data-example-id={item.exampleId}
      data-flags={item.flags.join(' ')}
      className={item.flags.length > 0 ? `audit-row audit-row--${item.flags[0]}` : 'audit-row'}
    >
      <td>
        <Link
          href={`${projectPath(projectId)}#${encodeURIComponent(item.exampleId)}`}
          data-testid="audit-edit-link"
        >
          {item.exampleTitle || 'Untitled example'}
        </Link>
        <div className="muted">
          {item.criterionTitle} · gold <strong>{item.gold}</strong>
        </div>
      </td>
      <td>
        {item.difficulty.defined ? (
          <>
            {pct(item.difficulty.value)} agree <span className="muted">(n = {item.difficulty.n})</span>
          </>
        ) : (
          <span className="muted">no answers</span>
        )}
      </td>
      <td title={d.defined ? 'Point-biserial correlation with the score on the rest' : d.message}>
        {d.defined ? (
          <>
            {d.value.toFixed(2)} <span className="muted">(n = {d.n})</span>
          </>
        ) : (
          <span className="muted">undefined</span>
        )}
      </td>
      <td>
        {item.topWrongAnswer ? (
          <>
            <strong>{item.topWrongAnswer.answer}</strong> {pct(item.topWrongAnswer.share)}{' '}
            <span className="muted">({item.topWrongAnswer.count})</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <FlagPills item={item} />
      </td>
      <td>
        {mine.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <a href={`#dispute-${mine[0]!.id}`} data-testid="audit-disputes-link">
            {mine.length} {mine.length === 1 ? 'dispute' : 'disputes'}
            {open > 0 && ` (${open} open)`}
          </a>
        )}
      </td>
    </tr>
  )
}

export function GoldAuditPanel({
  projectId,
  audit,
  disputes,
}: {
  projectId: string
  audit: GoldAudit
  disputes: Dispute[]
}) {
  const [showAll, setShowAll] = useState(false)
  const flagged = audit.items.filter((i) => i.flags.length > 0)
  const rest = audit.items.filter((i) => i.flags.length === 0)
  const shown = showAll ? audit.items : [...flagged, ...rest.slice(0, UNFLAGGED_SHOWN)]
  const suspect = flagged.filter((i) => i.flags.includes('suspect_gold')).length
  const rules = audit.rules
  return (
    <div data-testid="gold-audit">
      <p className="card__hint">
        From v{audit.version}'s submitted attempts ({audit.annotators} annotators).{' '}
        <strong>Suspect gold</strong>: at least {pct(rules.suspectShare)} of the strongest annotators (top{' '}
        {pct(rules.strongShare)} by their score on the other items) agree on one other answer, more than on
        gold. <strong>Ambiguous</strong>: they agree with gold less than {pct(rules.ambiguousConsensus)} of
        the time and split towards one other answer. Items with fewer than {rules.minAnswers} answers are not
        judged.
      </p>
      <div className="audit-summary">
        <span data-testid="audit-summary">
          {audit.items.length === 0
            ? 'No scored examples in this version.'
            : `${suspect} suspect, ${flagged.length - suspect} ambiguous of ${audit.items.length} gold values`}
        </span>
        <a className="button button--secondary" href={goldAuditCsvUrl(projectId, audit.version)} download>
          Export gold audit CSV
        </a>
      </div>
      {audit.annotators === 0 ? (
        <p className="muted">Nothing submitted on v{audit.version} yet — the audit needs answers.</p>
      ) : (
        audit.items.length > 0 && (
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th>Example · criterion</th>
                <th>Difficulty</th>
                <th>Discrimination</th>
                <th>Most common wrong answer</th>
                <th>Flags</th>
                <th>Disputes</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <AuditRow
                  key={`${item.exampleId}/${item.slotKey ?? item.criterionId}`}
                  projectId={projectId}
                  item={item}
                  disputes={disputes}
                />
              ))}
            </tbody>
          </table>
        )
      )}
      {!showAll && audit.annotators > 0 && shown.length < audit.items.length && (
        <button
          type="button"
          className="button button--secondary audit-more"
          onClick={() => setShowAll(true)}
        >
          Show all {audit.items.length}
        </button>
      )}
    </div>
  )
}
