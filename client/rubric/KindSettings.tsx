/**
 * The settings that depend on a criterion's kind: tolerance and levels, points, tie and strength, labels;
 * labels and min Jaccard (multiLabel); labels, min overlap and min F1 (span); verdicts, mode, min step
 * agreement and step tolerance (stepVerdict).
 */
import { type Criterion, STEP_VERDICT_MODES } from '../../shared/schema/rubric'
import { type CriterionSetting, setCriterionSetting } from '../../shared/ydoc/criterionSettingsDoc'
import { setCriterionField } from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'
import { LabelsEditor } from './LabelsEditor'
import { LevelsEditor } from './LevelsEditor'
import { ShareInput } from './ShareInput'
import { VerdictsEditor } from './VerdictsEditor'

const MODE_NAMES: Record<(typeof STEP_VERDICT_MODES)[number], string> = {
  perStep: 'a verdict per step',
  firstWrong: 'the first wrong step',
  both: 'both',
}

export function KindSettings({ criterion }: { criterion: Criterion }) {
  const { doc, editable } = useDraftData()
  const set = (field: 'tolerance' | 'points' | 'allowTie' | 'strengthRequired', value: unknown) =>
    writeLocal(doc, () => setCriterionField(doc, criterion.id, field, value))
  const setting = (field: CriterionSetting, value: unknown) =>
    writeLocal(doc, () => setCriterionSetting(doc, criterion.id, field, value))
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
    case 'multiLabel':
      return (
        <>
          <ShareInput
            label="Min. Jaccard %"
            title="An answer agrees when its overlap with an accepted set (shared ÷ all labels of both) reaches this; 100 % = exactly the set"
            value={criterion.minJaccard}
            editable={editable}
            testId="criterion-min-jaccard"
            onChange={(share) => setting('minJaccard', share)}
          />
          <LabelsEditor criterionId={criterion.id} passing={false} />
        </>
      )
    case 'span':
      return (
        <>
          <div className="criterion__row">
            <ShareInput
              label="Min. overlap %"
              title="A rater span matches a gold span (same text, same label) when they overlap by this share of the shorter one"
              value={criterion.minOverlap}
              min={0.01}
              editable={editable}
              testId="criterion-min-overlap"
              onChange={(share) => setting('minOverlap', share)}
            />
            <ShareInput
              label="Min. F1 %"
              title="The example's answer agrees when the F1 of matched spans reaches this"
              value={criterion.minF1}
              editable={editable}
              testId="criterion-min-f1"
              onChange={(share) => setting('minF1', share)}
            />
          </div>
          <LabelsEditor criterionId={criterion.id} passing={false} />
        </>
      )
    case 'stepVerdict':
      return (
        <>
          <div className="criterion__row">
            <label className="mini-field">
              <span>Raters give</span>
              <select
                className="text-input"
                value={criterion.mode}
                disabled={!editable}
                data-testid="criterion-step-mode"
                onChange={(event) => setting('mode', event.target.value)}
              >
                {STEP_VERDICT_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {MODE_NAMES[mode]}
                  </option>
                ))}
              </select>
            </label>
            {criterion.mode !== 'firstWrong' && (
              <ShareInput
                label="Steps agreeing %"
                title="Share of steps whose verdict must match gold for the answer to agree"
                value={criterion.minStepAgreement}
                editable={editable}
                testId="criterion-min-step-agreement"
                onChange={(share) => setting('minStepAgreement', share)}
              />
            )}
            {criterion.mode !== 'perStep' && (
              <label
                className="mini-field mini-field--narrow"
                title="How many steps off the first wrong step may be and still agree"
              >
                <span>Steps off ±</span>
                <input
                  type="number"
                  className="text-input"
                  min={0}
                  max={20}
                  value={criterion.stepTolerance}
                  readOnly={!editable}
                  data-testid="criterion-step-tolerance"
                  onChange={(event) => {
                    const value = integer(event.target.value, 0, 20)
                    if (value !== null) setting('stepTolerance', value)
                  }}
                />
              </label>
            )}
          </div>
          {criterion.mode !== 'firstWrong' && (
            <VerdictsEditor criterionId={criterion.id} verdicts={criterion.verdicts} />
          )}
        </>
      )
    default:
      return null
  }
}
