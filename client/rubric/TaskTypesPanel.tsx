/**
 * The rubric's task types (like a Label Studio labeling config): each names the content its examples show
 * and ticks the criteria asked about them. Leads add, rename (shared text), change the content kind, tick
 * criteria and delete; a draft without task types offers "Set up task types" from the examples it has.
 */
import { useState } from 'react'
import { CONTENT_KINDS, type ContentKind, type Criterion } from '../../shared/schema/rubric'
import {
  addTaskType,
  CONTENT_KIND_NAMES,
  kindFitsContentKind,
  removeTaskType,
  setCriterionApplies,
  setTaskTypeContentKind,
  setupTaskTypesFromExamples,
  taskTypeEntries,
  taskTypeName,
} from '../../shared/ydoc/taskTypesDoc'
import { writeLocal } from '../sync/localOrigin'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import '../styles/exampleEditor.css'
import { useDraftData } from './draftContext'
import { TrashIcon } from './TrashIcon'
import { YTextInput } from './YTextInput'

function ContentKindSelect(props: {
  value: ContentKind
  editable: boolean
  label: string
  testId: string
  onChange: (kind: ContentKind) => void
}) {
  return (
    <label className="mini-field mini-field--inline">
      <span>{props.label}</span>
      <select
        className="text-input"
        value={props.value}
        disabled={!props.editable}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value as ContentKind)}
      >
        {CONTENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {CONTENT_KIND_NAMES[kind]}
          </option>
        ))}
      </select>
    </label>
  )
}

function CriteriaTicks(props: {
  taskTypeId: string
  kind: ContentKind
  ticked: Set<string>
  criteria: Criterion[]
}) {
  const { doc, editable } = useDraftData()
  if (props.criteria.length === 0) return <p className="muted small">The rubric has no criteria yet.</p>
  return (
    <fieldset className="task-type__criteria" aria-label="Criteria asked">
      <legend className="field-label">Criteria asked</legend>
      {props.criteria.map((criterion) => {
        // Conversations may show final turns A/B and media examples media A/B: pairwise can apply to them.
        const alternatives = props.kind === 'conversation' || props.kind === 'media'
        const fits = kindFitsContentKind(criterion.kind, props.kind, alternatives)
        return (
          <label
            key={criterion.id}
            className={`check task-type__tick${fits ? '' : ' is-unfit'}`}
            title={fits ? undefined : `A ${criterion.kind} criterion cannot be asked about this content`}
          >
            <input
              type="checkbox"
              checked={props.ticked.has(criterion.id)}
              disabled={!editable || (!fits && !props.ticked.has(criterion.id))}
              data-testid="task-type-criterion"
              onChange={(event) =>
                writeLocal(doc, () =>
                  setCriterionApplies(doc, props.taskTypeId, criterion.id, event.target.checked),
                )
              }
            />
            {criterion.title.trim() || 'Untitled criterion'}
          </label>
        )
      })}
    </fieldset>
  )
}

export function TaskTypesPanel() {
  const { doc, editable, rubric, examples } = useDraftData()
  const types = taskTypeEntries(doc)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ContentKind>('single')
  const [deleting, setDeleting] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const add = () =>
    writeLocal(doc, () =>
      addTaskType(doc, {
        name: name.trim() || CONTENT_KIND_NAMES[kind],
        contentKind: kind,
        criterionIds: rubric.criteria.filter((c) => kindFitsContentKind(c.kind, kind)).map((c) => c.id),
      }),
    )
  const countOf = (id: string) => examples.filter((e) => e.taskTypeId === id).length
  return (
    <section className="task-types" data-testid="task-types" aria-label="Task types">
      <h3 className="section-title">Task types</h3>
      {types.length === 0 && (
        <div className="task-types__empty">
          <p className="muted small">
            One task type: every criterion is asked about every example where it can apply. Set up task types
            to ask different criteria about different kinds of content (rating, comparison, chats, reasoning,
            agent runs).
          </p>
          {editable && (
            <button
              type="button"
              className="button button--secondary button--small"
              data-testid="task-types-setup"
              onClick={() => {
                writeLocal(doc, () => setupTaskTypesFromExamples(doc))
                setName('')
              }}
            >
              Set up task types
            </button>
          )}
        </div>
      )}
      <ul className="task-types__list">
        {types.map((type) => (
          <li key={type.id} className="task-type" data-testid="task-type" data-task-type-id={type.id}>
            <div className="task-type__head">
              <YTextInput
                text={taskTypeName(doc, type.id)}
                label="Task type name"
                placeholder="Task type name"
                editable={editable}
                className="task-type__name"
                testId="task-type-name"
              />
              <span className="muted small task-type__count">
                {countOf(type.id)} example{countOf(type.id) === 1 ? '' : 's'}
              </span>
              {editable && (
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label="Delete this task type"
                  title="Delete this task type"
                  data-testid="task-type-delete"
                  onClick={() => setDeleting(type.id)}
                >
                  <TrashIcon />
                </button>
              )}
            </div>
            <ContentKindSelect
              label="Content"
              value={type.contentKind}
              editable={editable}
              testId="task-type-kind"
              onChange={(next) => writeLocal(doc, () => setTaskTypeContentKind(doc, type.id, next))}
            />
            <CriteriaTicks
              taskTypeId={type.id}
              kind={type.contentKind}
              ticked={type.criterionIds}
              criteria={rubric.criteria}
            />
          </li>
        ))}
      </ul>
      {editable && !adding && (
        <button
          type="button"
          className="button button--ghost button--small task-types__open-add"
          data-testid="task-type-open-add"
          onClick={() => setAdding(true)}
        >
          + Add a task type
        </button>
      )}
      {editable && adding && (
        <div className="task-types__add">
          <input
            className="text-input"
            aria-label="New task type name"
            placeholder="New task type"
            value={name}
            maxLength={120}
            data-testid="task-type-new-name"
            // biome-ignore lint/a11y/noAutofocus: opened by the person's click on "Add a task type"
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
          <select
            className="text-input task-types__kind"
            aria-label="Content of the new task type"
            value={kind}
            data-testid="task-type-new-kind"
            onChange={(event) => setKind(event.target.value as ContentKind)}
          >
            {CONTENT_KINDS.map((option) => (
              <option key={option} value={option}>
                {CONTENT_KIND_NAMES[option]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="task-type-add"
            onClick={() => {
              add()
              setName('')
              setAdding(false)
            }}
          >
            Add
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setAdding(false)}
          >
            Cancel
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this task type?"
          confirmLabel="Delete task type"
          onConfirm={async () => writeLocal(doc, () => removeTaskType(doc, deleting))}
          onClose={() => setDeleting(null)}
        >
          <p>
            {countOf(deleting) === 0
              ? 'No example uses it.'
              : `${countOf(deleting)} example(s) use it; they keep their content and gold but need a task type again.`}{' '}
            Undo (Ctrl+Z in the panel) brings it back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
