/** The levels of a scale criterion: value, short label and descriptor per level; add and remove levels. */
import { addLevel, levelEntries, levelText, removeLevel, setLevelValue } from '../../shared/ydoc/rubricDoc'
import { SuggestableField } from '../suggestions/SuggestableField'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'
import { YTextInput } from './YTextInput'

export function LevelsEditor({ criterionId }: { criterionId: string }) {
  const { doc, editable, rubric } = useDraftData()
  const criterionName = rubric.criteria.find((c) => c.id === criterionId)?.title.trim() || 'Criterion'
  const levels = levelEntries(doc, criterionId)
  const nextValue = levels.length ? Math.max(...levels.map((l) => l.value)) + 1 : 1
  return (
    <fieldset className="levels" data-testid="levels">
      <legend className="field-label">Levels</legend>
      {levels.length === 0 && <p className="muted small">No levels yet — add at least two.</p>}
      <ol className="levels__list">
        {levels.map((level) => (
          <li key={level.id} className="levels__item" data-testid="level">
            <input
              type="number"
              className="text-input levels__value"
              aria-label="Level value"
              value={level.value}
              readOnly={!editable}
              onChange={(event) => {
                const value = Number.parseInt(event.target.value, 10)
                if (Number.isFinite(value))
                  writeLocal(doc, () => setLevelValue(doc, criterionId, level.id, value))
              }}
            />
            <div className="levels__texts">
              <SuggestableField
                target={{ kind: 'level', criterionId, levelId: level.id, field: 'label' }}
                label={`${criterionName} · level ${level.value} label`}
                text={levelText(doc, criterionId, level.id, 'label')}
              >
                <YTextInput
                  text={levelText(doc, criterionId, level.id, 'label')}
                  label={`Label of level ${level.value}`}
                  placeholder="Label (e.g. Good)"
                  editable={editable}
                  className="levels__label"
                  testId="level-label"
                />
              </SuggestableField>
              <SuggestableField
                target={{ kind: 'level', criterionId, levelId: level.id, field: 'descriptor' }}
                label={`${criterionName} · level ${level.value} descriptor`}
                text={levelText(doc, criterionId, level.id, 'descriptor')}
                multiline
              >
                <YTextInput
                  text={levelText(doc, criterionId, level.id, 'descriptor')}
                  label={`Descriptor of level ${level.value}`}
                  placeholder="What a response at this level looks like"
                  editable={editable}
                  multiline
                  testId="level-descriptor"
                />
              </SuggestableField>
            </div>
            {editable && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove level ${level.value}`}
                title="Remove level"
                onClick={() => writeLocal(doc, () => removeLevel(doc, criterionId, level.id))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      {editable && levels.length < 11 && (
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="add-level"
          onClick={() =>
            writeLocal(doc, () => addLevel(doc, criterionId, { value: nextValue, label: '', descriptor: '' }))
          }
        >
          + Add level
        </button>
      )}
    </fieldset>
  )
}
