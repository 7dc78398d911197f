/**
 * The numbered steps of a reasoning chain (one rich text each) or an agent trajectory (thought, tool name,
 * JSON arguments, observation), added, removed and moved. Step ids stay put when steps move, so step
 * verdict gold follows its step.
 */
import {
  addStep,
  contentRichText,
  moveStep,
  removeStep,
  stepIds,
  stepPlainText,
} from '../../shared/ydoc/exampleContentDoc'
import { useDraftData } from '../rubric/draftContext'
import { YTextInput } from '../rubric/YTextInput'
import { writeLocal } from '../sync/localOrigin'
import { ArgsField } from './ArgsField'
import { ItemControls } from './ItemControls'
import { RichField } from './RichField'

export function StepsEditor({ exampleId, kind }: { exampleId: string; kind: 'reasoning' | 'trajectory' }) {
  const { doc, editable } = useDraftData()
  const ids = stepIds(doc, exampleId)
  const edit = (fn: () => void) => writeLocal(doc, fn)
  const rich = (path: string) => contentRichText(doc, exampleId, path)
  return (
    <div className="ex-steps" data-testid={`${kind}-steps`}>
      {ids.length === 0 && <p className="muted small">No steps yet.</p>}
      <ol className="ex-steps__list">
        {ids.map((id, index) => (
          <li key={id} className="ex-step" data-testid="step" data-step-id={id}>
            <div className="ex-step__head">
              <span className="ex-step__number">Step {index + 1}</span>
              {editable && (
                <ItemControls
                  name={`step ${index + 1}`}
                  index={index}
                  count={ids.length}
                  onMove={(to) => edit(() => moveStep(doc, exampleId, id, to))}
                  onRemove={() => edit(() => removeStep(doc, exampleId, id))}
                />
              )}
            </div>
            {kind === 'reasoning' ? (
              <RichField
                doc={doc}
                fragment={rich(`steps.${id}`)}
                label={`Step ${index + 1}`}
                hideLabel
                placeholder="This step of the reasoning…"
                editable={editable}
                testId="step-text"
              />
            ) : (
              <div className="ex-step__parts">
                <RichField
                  doc={doc}
                  fragment={rich(`steps.${id}.thought`)}
                  label="Thought"
                  placeholder="What the agent thinks…"
                  editable={editable}
                  testId="step-thought"
                />
                <div className="ex-step__tool">
                  <span className="rich-field__label">Tool</span>
                  <YTextInput
                    text={stepPlainText(doc, exampleId, id, 'tool')}
                    label={`Tool called in step ${index + 1}`}
                    placeholder="search_flights (empty: no tool call)"
                    editable={editable}
                    testId="step-tool"
                  />
                </div>
                <ArgsField
                  text={stepPlainText(doc, exampleId, id, 'args')}
                  label={`Arguments of step ${index + 1} as JSON`}
                  editable={editable}
                />
                <RichField
                  doc={doc}
                  fragment={rich(`steps.${id}.observation`)}
                  label="Observation"
                  placeholder="What the tool returned…"
                  editable={editable}
                  testId="step-observation"
                />
              </div>
            )}
          </li>
        ))}
      </ol>
      {editable && (
        <div className="item-add">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="step-add"
            onClick={() => edit(() => addStep(doc, exampleId))}
          >
            + Add step
          </button>
        </div>
      )}
    </div>
  )
}
