/** The settings that depend on a criterion's kind: tolerance and levels, points, tie and strength, labels. */
import type { Criterion } from '../../shared/schema/rubric'
import { setCriterionField } from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'
import { LabelsEditor } from './LabelsEditor'
import { LevelsEditor } from './LevelsEditor'

export function KindSettings({ criterion }: { criterion: Criterion }) {
  const { doc, editable } = useDraftData()
  const set = (field: 'tolerance' | 'points' | 'allowTie' | 'strengthRequired', value: unknown) =>
    writeLocal(doc, () => setCriterionField(doc, criterion.id, field, value))
  const integer = (raw: string, min: number, max: number) => {
    const value = Number.parseInt(raw, 10)
    return Number.isFinite(value) ? Math.max(min, Math.min(max, value)) : null
  }
  switch (criterion.kind) {
    case 'ordinal':
      return (
        <>
          <label className="mini-field mini-field--narrow">
            <span>Tolerance ±</span>
            <input
              type="number"
              className="text-input"
              min={0}
              max={10}
              value={criterion.tolerance}
              readOnly={!editable}
              data-testid="criterion-tolerance"
              onChange={(event) => {
                const value = integer(event.target.value, 0, 10)
                if (value !== null) set('tolerance', value)
              }}
            />
          </label>
          <LevelsEditor criterionId={criterion.id} />
        </>
      )
    case 'points':
      return (
        <label className="mini-field mini-field--narrow">
          <span>Points when met</span>
          <input
            type="number"
            className="text-input"
            min={-100}
            max={100}
            value={criterion.points}
            readOnly={!editable}
            data-testid="criterion-points"
            onChange={(event) => {
              const value = integer(event.target.value, -100, 100)
              if (value !== null) set('points', value)
            }}
          />
        </label>
      )
    case 'pairwise':
      return (
        <div className="criterion__row">
          <label className="check">
            <input
              type="checkbox"
              checked={criterion.allowTie}
              disabled={!editable}
              onChange={(event) => set('allowTie', event.target.checked)}
            />
            Tie allowed
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={criterion.strengthRequired}
              disabled={!editable}
              onChange={(event) => set('strengthRequired', event.target.checked)}
            />
            Strength required
          </label>
        </div>
      )
    case 'label':
      return <LabelsEditor criterionId={criterion.id} />
    default:
      return null
  }
}
