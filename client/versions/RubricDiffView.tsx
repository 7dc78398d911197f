/** The structured rubric diff as a list of readable sentences, marked as added, removed, changed or gold. */
import type { RubricChange } from '../../shared/diff/rubricDiff'
import { changeTone, describeChange } from './describeChange'

const TONE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed', gold: 'Gold' } as const

export function RubricDiffView({ changes, goldHidden }: { changes: RubricChange[]; goldHidden: boolean }) {
  return (
    <section className="version-section" data-testid="rubric-diff" aria-labelledby="rubric-diff-title">
      <h2 id="rubric-diff-title">Rubric and examples</h2>
      {changes.length === 0 ? (
        <p className="section-empty" data-testid="rubric-unchanged">
          No changes to criteria or examples.
        </p>
      ) : (
        <ul className="rubric-changes">
          {changes.map((change, index) => {
            const tone = changeTone(change)
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is computed once per diff
              <li key={index} className={`rubric-change rubric-change--${tone}`} data-testid="rubric-change">
                <span className="rubric-change__tag">{TONE_LABELS[tone]}</span>
                <span>{describeChange(change)}</span>
              </li>
            )
          })}
        </ul>
      )}
      {goldHidden && <p className="muted">Changes to gold answers are visible to owners and leads only.</p>}
    </section>
  )
}
