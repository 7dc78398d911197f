/**
 * What a version's calibration draws from: "Each attempt draws 5 of 12 calibration items", and the examples
 * left out with why (teaching example, still a draft, no gold, gold that does not fit its criterion), so
 * draft/ready is never a hidden switch. Used by the publish dialog and the versions page.
 */
import { describePool, EXCLUSION_TEXT } from '../../shared/rubric/calibrationPool'
import type { PoolSummary } from '../../shared/schema/poolSummary'

export function PoolSummaryView({ pool, compact = false }: { pool: PoolSummary; compact?: boolean }) {
  return (
    <div
      className={`pool-summary${pool.items === 0 ? ' pool-summary--empty' : ''}`}
      data-testid="pool-summary"
      data-items={pool.items}
      data-per-attempt={pool.perAttempt}
    >
      <p className="pool-summary__line">{describePool(pool)}</p>
      {pool.excluded.length > 0 &&
        (compact ? (
          <details className="pool-summary__excluded">
            <summary>
              {pool.excluded.length} {pool.excluded.length === 1 ? 'example' : 'examples'} not drawn
            </summary>
            <ExclusionList pool={pool} />
          </details>
        ) : (
          <div className="pool-summary__excluded">
            <p className="muted">Not drawn:</p>
            <ExclusionList pool={pool} />
          </div>
        ))}
    </div>
  )
}

function ExclusionList({ pool }: { pool: PoolSummary }) {
  return (
    <ul data-testid="pool-exclusions">
      {pool.excluded.map((e) => (
        <li key={e.exampleId} data-reason={e.reason}>
          <strong>{e.title || 'Untitled example'}</strong> — {EXCLUSION_TEXT[e.reason]}
        </li>
      ))}
    </ul>
  )
}
