/**
 * The rubric beside the guideline: title, instructions, pass threshold, live checks, task types, the criteria,
 * the templates and "Import criteria…". Every field is shared live; Ctrl+Z / Ctrl+Shift+Z here undo and redo your own rubric and
 * example edits (not other people's).
 */
import { useState } from 'react'
import '../styles/rubric.css'
import { addCriterion, rubricInstructions, rubricTitle, setPassThreshold } from '../../shared/ydoc/rubricDoc'
import { useSuggestingUi } from '../suggestions/suggestingContext'
import { writeLocal } from '../sync/localOrigin'
import { AttemptSettingsEditor } from './AttemptSettingsEditor'
import { CriteriaList } from './CriteriaList'
import { DetachedExamples } from './DetachedExamples'
import { handleUndoKeys, useDraftData } from './draftContext'
import { ImportCriteriaDialog } from './ImportCriteriaDialog'
import { ProblemsList } from './ProblemsList'
import { TaskTypesPanel } from './TaskTypesPanel'
import { TemplatePicker } from './TemplatePicker'
import { YTextInput } from './YTextInput'

export function RubricPanel({ onCollapse }: { onCollapse: () => void }) {
  const data = useDraftData()
  const { doc, editable, rubric, problems, undo, projectId } = data
  // A lead in Suggesting mode sees the rubric read-only, like a reviewer, with a different note.
  const suggesting = useSuggestingUi()
  const suggestingLead = suggesting?.canEdit === true && suggesting.mode === 'suggesting'
  const [templatesOpen, setTemplatesOpen] = useState(false)
  const [importOpen, setImportOpen] = useState(false)
  const empty = rubric.criteria.length === 0
  return (
    <aside
      className="rubric-panel"
      data-testid="rubric-panel"
      aria-label="Rubric"
      onKeyDown={(event) => handleUndoKeys(event, undo)}
    >
      <header className="rubric-panel__head">
        <h2 className="rubric-panel__title">Rubric</h2>
        {editable && (
          <div className="rubric-panel__tools">
            <button
              type="button"
              className="icon-button"
              aria-label="Undo my last rubric or example edit"
              title="Undo my rubric edit (Ctrl+Z in the panel)"
              data-testid="rubric-undo"
              disabled={!undo.canUndo}
              onClick={undo.undo}
            >
              ↶
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Redo"
              title="Redo (Ctrl+Shift+Z in the panel)"
              data-testid="rubric-redo"
              disabled={!undo.canRedo}
              onClick={undo.redo}
            >
              ↷
            </button>
            {!empty && (
              <button
                type="button"
                className="button button--ghost button--small"
                data-testid="templates-open"
                aria-expanded={templatesOpen}
                onClick={() => setTemplatesOpen(!templatesOpen)}
              >
                Templates
              </button>
            )}
          </div>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Hide the rubric panel"
          title="Hide the rubric"
          data-testid="rubric-collapse"
          onClick={onCollapse}
        >
          ⇥
        </button>
      </header>
      {!editable && (
        <p className="rubric-panel__note" data-testid="rubric-view-only">
          {suggestingLead
            ? 'Suggesting — use “Suggest edit” under a field, or switch to Editing.'
            : 'View only — leads edit the rubric.'}
        </p>
      )}
      <div className="rubric-panel__body">
        <YTextInput
          text={rubricTitle(doc)}
          label="Rubric title"
          placeholder="Rubric title"
          editable={editable}
          className="rubric-panel__name"
          testId="rubric-title"
        />
        <YTextInput
          text={rubricInstructions(doc)}
          label="Instructions for raters"
          placeholder="Instructions for raters"
          editable={editable}
          multiline
          rows={2}
          testId="rubric-instructions"
        />
        <label className="mini-field mini-field--inline">
          <span>Pass threshold</span>
          <input
            type="number"
            className="text-input"
            min={0}
            max={100}
            value={Math.round(rubric.passThreshold * 100)}
            readOnly={!editable}
            data-testid="pass-threshold"
            onChange={(event) => {
              const value = Number(event.target.value)
              if (event.target.value !== '' && Number.isFinite(value))
                writeLocal(doc, () => setPassThreshold(doc, value / 100))
            }}
          />
          <span>%</span>
        </label>
        <AttemptSettingsEditor />
        <ProblemsList problems={problems} />
        <DetachedExamples />
        <TaskTypesPanel />
        {templatesOpen && !empty && (
          <section className="rubric-panel__templates">
            <h3 className="section-title">Add criteria from a template</h3>
            <TemplatePicker onDone={() => setTemplatesOpen(false)} />
          </section>
        )}
        {empty ? (
          <section className="rubric-empty" data-testid="rubric-empty">
            <h3 className="section-title">No criteria yet</h3>
            {editable ? (
              <>
                <p className="muted small">Start from a template, or add criteria one by one.</p>
                <TemplatePicker />
              </>
            ) : (
              <p className="muted small">A lead has not written the rubric yet.</p>
            )}
          </section>
        ) : (
          <CriteriaList />
        )}
        {editable && (
          <button
            type="button"
            className="button button--secondary rubric-panel__add"
            data-testid="add-criterion"
            onClick={() => {
              const id = writeLocal(doc, () => addCriterion(doc, { kind: 'binary' }))
              requestAnimationFrame(() =>
                document
                  .querySelector<HTMLInputElement>(
                    `[data-criterion-id="${id}"] [data-testid="criterion-title"]`,
                  )
                  ?.focus(),
              )
            }}
          >
            + Add criterion
          </button>
        )}
        {editable && (
          <button
            type="button"
            className="button button--ghost rubric-panel__add"
            data-testid="import-criteria"
            onClick={() => setImportOpen(true)}
          >
            Import criteria…
          </button>
        )}
        {importOpen && <ImportCriteriaDialog projectId={projectId} onClose={() => setImportOpen(false)} />}
      </div>
    </aside>
  )
}
