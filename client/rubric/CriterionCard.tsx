/**
 * One criterion of the rubric: title and description (collaborative text), kind and its settings, weight,
 * tags, levels or labels, and its problems marked inline. Leads edit; reviewers read.
 */
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core'
import { useState } from 'react'
import type { Problem } from '../../shared/rubric/problems'
import { CRITERION_KINDS, type Criterion, type CriterionKind } from '../../shared/schema/rubric'
import { setCriterionSetting } from '../../shared/ydoc/criterionSettingsDoc'
import { clearGold } from '../../shared/ydoc/examplesDoc'
import { criterionText, deleteCriterion, setCriterionField } from '../../shared/ydoc/rubricDoc'
import { StartThreadButton } from '../comments/StartThreadButton'
import { ItemControls } from '../examples/ItemControls'
import { SuggestableField } from '../suggestions/SuggestableField'
import { writeLocal } from '../sync/localOrigin'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { examplesInvalidatedBy, goldKeysOf, KIND_NAMES } from './criterionKinds'
import { useDraftData } from './draftContext'
import { KindSettings } from './KindSettings'
import { TagsInput } from './TagsInput'
import { YTextInput } from './YTextInput'

interface CriterionCardProps {
  criterion: Criterion
  index: number
  count: number
  problems: Problem[]
  onMove: (to: number) => void
  dragHandle?: { attributes: DraggableAttributes; listeners: DraggableSyntheticListeners }
}

type Pending = { kind: 'switch'; to: CriterionKind; affected: number } | { kind: 'delete' } | null

export function CriterionCard({ criterion, index, count, problems, onMove, dragHandle }: CriterionCardProps) {
  const { doc, editable, examples } = useDraftData()
  const [pending, setPending] = useState<Pending>(null)
  const errors = problems.filter((p) => p.severity === 'error')
  const name = criterion.title.trim() || `Criterion ${index + 1}`

  const switchKind = (to: CriterionKind) => {
    const affected = examplesInvalidatedBy(criterion, to, examples)
    if (affected.length === 0) writeLocal(doc, () => setCriterionField(doc, criterion.id, 'kind', to))
    else setPending({ kind: 'switch', to, affected: affected.length })
  }
  const confirmSwitch = (to: CriterionKind) =>
    writeLocal(doc, () => {
      for (const example of examplesInvalidatedBy(criterion, to, examples))
        for (const key of goldKeysOf(example, criterion.id)) clearGold(doc, example.id, key)
      setCriterionField(doc, criterion.id, 'kind', to)
    })

  return (
    <article
      className={`criterion${errors.length ? ' has-errors' : ''}`}
      data-testid="criterion"
      data-criterion-id={criterion.id}
      aria-label={name}
    >
      <header className="criterion__head">
        {editable && dragHandle && (
          <button
            type="button"
            className="drag-handle"
            aria-label={`Reorder ${name} (drag, or focus and use arrow keys)`}
            {...dragHandle.attributes}
            {...dragHandle.listeners}
          >
            ⋮⋮
          </button>
        )}
        <span className="criterion__number">{index + 1}</span>
        <SuggestableField
          target={{ kind: 'criterion', criterionId: criterion.id, field: 'title' }}
          label={`${name} · title`}
          text={criterionText(doc, criterion.id, 'title')}
        >
          <YTextInput
            text={criterionText(doc, criterion.id, 'title')}
            label="Criterion title"
            placeholder="Criterion title"
            editable={editable}
            className="criterion__title"
            testId="criterion-title"
          />
        </SuggestableField>
        <StartThreadButton
          anchor={{ kind: 'criterion', criterionId: criterion.id, label: name.slice(0, 200) }}
        />
        {editable && (
          <ItemControls
            className="criterion__actions"
            name={name}
            index={index}
            count={count}
            onMove={onMove}
            onRemove={() => setPending({ kind: 'delete' })}
            removeVerb="Delete"
            removeTitle="Delete criterion"
            removeTestId="criterion-delete"
          />
        )}
      </header>
      <SuggestableField
        target={{ kind: 'criterion', criterionId: criterion.id, field: 'description' }}
        label={`${name} · description`}
        text={criterionText(doc, criterion.id, 'description')}
        multiline
      >
        <YTextInput
          text={criterionText(doc, criterion.id, 'description')}
          label="Description"
          placeholder="What raters judge, in one or two sentences"
          editable={editable}
          multiline
          testId="criterion-description"
        />
      </SuggestableField>
      <div className="criterion__row">
        <label className="mini-field">
          <span>Kind</span>
          <select
            className="text-input"
            value={criterion.kind}
            disabled={!editable}
            data-testid="criterion-kind"
            onChange={(event) => switchKind(event.target.value as CriterionKind)}
          >
            {CRITERION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_NAMES[kind]}
              </option>
            ))}
          </select>
        </label>
        <label className="mini-field mini-field--narrow">
          <span>Weight</span>
          <input
            type="number"
            className="text-input"
            min={0}
            max={100}
            step="any"
            value={criterion.weight}
            readOnly={!editable}
            onChange={(event) => {
              const value = Number(event.target.value)
              if (event.target.value !== '' && Number.isFinite(value))
                writeLocal(doc, () =>
                  setCriterionField(doc, criterion.id, 'weight', Math.max(0, Math.min(100, value))),
                )
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={criterion.rationaleRequired}
            disabled={!editable}
            onChange={(event) =>
              writeLocal(doc, () =>
                setCriterionField(doc, criterion.id, 'rationaleRequired', event.target.checked),
              )
            }
          />
          Rationale required
        </label>
        <label className="check" title="Raters may answer “N/A”; it agrees only with gold that accepts N/A">
          <input
            type="checkbox"
            checked={criterion.allowNA === true}
            disabled={!editable}
            data-testid="criterion-allow-na"
            onChange={(event) =>
              writeLocal(doc, () => setCriterionSetting(doc, criterion.id, 'allowNA', event.target.checked))
            }
          />
          Allow N/A
        </label>
        <label
          className="mini-field mini-field--narrow"
          title="An attempt fails if agreement on this criterion is lower, whatever the total score. Leave empty for no minimum."
        >
          <span>Minimum %</span>
          <input
            type="number"
            className="text-input"
            data-testid="criterion-min-agreement"
            min={0}
            max={100}
            step={5}
            placeholder="none"
            value={typeof criterion.minAgreement === 'number' ? Math.round(criterion.minAgreement * 100) : ''}
            readOnly={!editable}
            onChange={(event) => {
              const raw = event.target.value
              const value = Number(raw)
              if (raw === '')
                writeLocal(doc, () => setCriterionField(doc, criterion.id, 'minAgreement', null))
              else if (Number.isFinite(value))
                writeLocal(doc, () =>
                  setCriterionField(
                    doc,
                    criterion.id,
                    'minAgreement',
                    Math.max(0, Math.min(100, value)) / 100,
                  ),
                )
            }}
          />
        </label>
      </div>
      <KindSettings criterion={criterion} />
      <TagsInput criterionId={criterion.id} tags={criterion.tags} />
      {problems.length > 0 && (
        <ul className="inline-problems" data-testid="criterion-problems">
          {problems.map((problem) => (
            <li
              key={`${problem.code}:${problem.exampleId ?? ''}:${problem.message}`}
              className={`inline-problem is-${problem.severity}`}
            >
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      {pending?.kind === 'switch' && (
        <ConfirmDialog
          title={`Make “${name}” a ${KIND_NAMES[pending.to].toLowerCase()} criterion?`}
          confirmLabel={`Switch and clear ${pending.affected} gold value${pending.affected === 1 ? '' : 's'}`}
          onConfirm={async () => confirmSwitch(pending.to)}
          onClose={() => setPending(null)}
        >
          <p>
            {pending.affected === 1
              ? '1 example has a gold value for this criterion that would not fit the new kind. It will be cleared and the example will show “gold missing” until someone scores it again.'
              : `${pending.affected} examples have gold values for this criterion that would not fit the new kind. They will be cleared and the examples will show “gold missing” until someone scores them again.`}{' '}
            Undo (Ctrl+Z in the panel) brings them back.
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete “${name}”?`}
          confirmLabel="Delete criterion"
          onConfirm={async () =>
            writeLocal(doc, () => {
              // Per-response gold (`<id>@A`, `<id>@B`) goes with the criterion too.
              for (const example of examples)
                for (const key of goldKeysOf(example, criterion.id)) clearGold(doc, example.id, key)
              deleteCriterion(doc, criterion.id)
            })
          }
          onClose={() => setPending(null)}
        >
          <p>
            The criterion and its gold values in{' '}
            {examples.filter((e) => goldKeysOf(e, criterion.id).length > 0).length} example(s) are removed for
            everyone. Undo (Ctrl+Z in the panel) restores them.
          </p>
        </ConfirmDialog>
      )}
    </article>
  )
}
