/**
 * A calibration example embedded in the guideline: title, role (teaching, or a held-out calibration item),
 * task type (or content kind when the rubric has none), difficulty, status, the section it illustrates, its
 * collaborative content (prompt/response, conversation turns, reasoning or trajectory steps), the gold answer
 * per question slot with rationales, and the overall rationale. Criteria changes show live (a new criterion
 * reads "gold missing"). Reviewers read only.
 */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { useEffect } from 'react'
import { questionSlots, taskTypeOf } from '../../shared/rubric/taskTypes'
import {
  CONTENT_KINDS,
  type ContentKind,
  EXAMPLE_DIFFICULTIES,
  EXAMPLE_STATUSES,
} from '../../shared/schema/rubric'
import {
  contentFieldsMissing,
  ensureContentFields,
  setContentKind,
} from '../../shared/ydoc/exampleContentDoc'
import { deleteExample, exampleRichText, exampleTitle, setExampleField } from '../../shared/ydoc/examplesDoc'
import { EXAMPLE_ID_ATTR } from '../../shared/ydoc/layout'
import {
  CONTENT_KIND_NAMES,
  setExampleTaskType,
  taskTypeEntries,
  taskTypeName,
} from '../../shared/ydoc/taskTypesDoc'
import { StartThreadButton } from '../comments/StartThreadButton'
import { handleUndoKeys, useDraftData } from '../rubric/draftContext'
import { TrashIcon } from '../rubric/TrashIcon'
import { YTextInput } from '../rubric/YTextInput'
import { writeLocal } from '../sync/localOrigin'
import '../styles/exampleEditor.css'
import { SuggestableField } from '../suggestions/SuggestableField'
import { ContentEditor } from './ContentEditor'
import { GoldWidget } from './GoldWidget'
import { RichField } from './RichField'

export function ExampleNodeView({ node, deleteNode, selected }: ReactNodeViewProps) {
  const data = useDraftData()
  const { doc, editable, rubric, examples, problems, sections, undo } = data
  const exampleId = String(node.attrs[EXAMPLE_ID_ATTR] ?? '')
  const example = examples.find((e) => e.id === exampleId)
  const types = taskTypeEntries(doc).map((type) => ({
    id: type.id,
    name: taskTypeName(doc, type.id)?.toString().trim() || 'Untitled task type',
  }))
  const kindNow = example?.content.kind
  // Examples written before these content kinds lack their fields: create them before anyone types.
  useEffect(() => {
    if (editable && kindNow && contentFieldsMissing(doc, exampleId, kindNow))
      writeLocal(doc, () => ensureContentFields(doc, exampleId, kindNow))
  }, [doc, editable, exampleId, kindNow])

  if (!example) {
    return (
      <NodeViewWrapper
        className="example example--missing"
        data-example-block={exampleId}
        contentEditable={false}
      >
        <p>This calibration example was deleted.</p>
        {editable && (
          <button type="button" className="button button--secondary button--small" onClick={deleteNode}>
            Remove the block
          </button>
        )}
      </NodeViewWrapper>
    )
  }
  const mine = problems.filter((p) => p.exampleId === exampleId)
  const errors = mine.filter((p) => p.severity === 'error')
  const rich = (field: Parameters<typeof exampleRichText>[2]) => exampleRichText(doc, exampleId, field)
  const kind = example.content.kind
  const slots = questionSlots(rubric, example)
  // The type it names, or the only one there is (an example written before task types existed).
  const effectiveType = types.length > 0 ? taskTypeOf(rubric, example) : undefined
  const typeId = effectiveType && !effectiveType.implicit ? effectiveType.id : ''
  const section = example.sectionId ? sections.get(example.sectionId) : undefined
  const set = (field: 'difficulty' | 'status' | 'role', value: string) =>
    writeLocal(doc, () => setExampleField(doc, exampleId, field, value))

  return (
    <NodeViewWrapper
      className={`example${errors.length ? ' has-errors' : ''}${selected ? ' is-selected' : ''}`}
      data-example-block={exampleId}
      data-testid="example-block"
      contentEditable={false}
      onKeyDown={(event: React.KeyboardEvent) => handleUndoKeys(event, undo)}
    >
      <header className="example__head">
        <span
          className={`example__badge example__badge--${example.role ?? 'calibration'}`}
          data-testid="example-role-badge"
          title={
            example.role === 'teaching'
              ? 'Shown to annotators in the published guideline, with its gold, as a worked example'
              : 'Held out: annotators never see it outside a calibration attempt'
          }
        >
          {example.role === 'teaching' ? 'Teaching example' : 'Held-out calibration item'}
        </span>
        <YTextInput
          text={exampleTitle(doc, exampleId)}
          label="Example title"
          placeholder="Example title"
          editable={editable}
          className="example__title"
          testId="example-title"
        />
        <StartThreadButton
          anchor={{
            kind: 'example',
            exampleId,
            label: (example.title || 'Calibration example').slice(0, 200),
          }}
        />
        {editable && (
          <button
            type="button"
            className="icon-button icon-button--danger"
            aria-label="Delete this example"
            title="Delete this example"
            onClick={() => {
              writeLocal(doc, () => deleteExample(doc, exampleId))
              deleteNode()
            }}
          >
            <TrashIcon />
          </button>
        )}
      </header>
      <div className="example__meta">
        {types.length > 0 && (
          <label className="mini-field mini-field--inline">
            <span>Task type</span>
            <select
              className="text-input"
              value={typeId}
              disabled={!editable}
              data-testid="example-task-type"
              onChange={(event) =>
                writeLocal(doc, () => setExampleTaskType(doc, exampleId, event.target.value || null))
              }
            >
              {!types.some((t) => t.id === typeId) && <option value="">choose…</option>}
              {types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {types.length > 0 ? (
          <span className="example__section" data-testid="example-kind-name">
            {CONTENT_KIND_NAMES[kind]}
            {editable && effectiveType?.contentKind && effectiveType.contentKind !== kind && (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  data-testid="example-kind-follow"
                  onClick={() => {
                    const next = effectiveType.contentKind
                    if (next) writeLocal(doc, () => setContentKind(doc, exampleId, next))
                  }}
                >
                  Switch to {CONTENT_KIND_NAMES[effectiveType.contentKind]} like its task type
                </button>
              </>
            )}
          </span>
        ) : (
          <label className="mini-field mini-field--inline">
            <span>Content</span>
            <select
              className="text-input"
              value={kind}
              disabled={!editable}
              data-testid="example-kind"
              onChange={(event) =>
                writeLocal(doc, () => setContentKind(doc, exampleId, event.target.value as ContentKind))
              }
            >
              {CONTENT_KINDS.map((option) => (
                <option key={option} value={option}>
                  {CONTENT_KIND_NAMES[option]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="mini-field mini-field--inline">
          <span>Role</span>
          <select
            className="text-input"
            value={example.role ?? 'calibration'}
            disabled={!editable}
            data-testid="example-role"
            onChange={(event) => set('role', event.target.value)}
          >
            <option value="calibration">calibration item (held out)</option>
            <option value="teaching">teaching (shown in guideline)</option>
          </select>
        </label>
        <label className="mini-field mini-field--inline">
          <span>Difficulty</span>
          <select
            className="text-input"
            value={example.difficulty}
            disabled={!editable}
            onChange={(event) => set('difficulty', event.target.value)}
          >
            {EXAMPLE_DIFFICULTIES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label className="mini-field mini-field--inline">
          <span>Status</span>
          <select
            className={`text-input status-select is-${example.status}`}
            value={example.status}
            disabled={!editable}
            data-testid="example-status"
            onChange={(event) => set('status', event.target.value)}
          >
            {EXAMPLE_STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <span className="example__section" data-testid="example-section">
          {section ? `Illustrates: ${section}` : 'Not linked to a section'}
        </span>
      </div>
      <div className={`example__content example__content--${kind}`}>
        <ContentEditor exampleId={exampleId} kind={kind} />
      </div>
      <section className="example__gold" aria-label="Gold answers">
        <h4 className="example__subtitle">Gold answers</h4>
        {rubric.criteria.length === 0 ? (
          <p className="muted small">The rubric has no criteria yet — add them in the rubric panel.</p>
        ) : slots.length === 0 ? (
          <p className="muted small" data-testid="example-no-questions">
            {types.length > 0 && !typeId
              ? 'Choose a task type to see its questions.'
              : 'No criterion of this task type applies to this content.'}
          </p>
        ) : (
          slots.map((slot) => (
            <GoldWidget
              key={slot.key}
              exampleId={exampleId}
              slot={slot}
              content={example.content}
              gold={example.gold[slot.key]}
            />
          ))
        )}
      </section>
      <SuggestableField
        target={{ kind: 'exampleRationale', exampleId }}
        label={`${example.title.trim() || 'Example'} · rationale`}
        text={rich('rationale')}
      >
        <RichField
          doc={doc}
          fragment={rich('rationale')}
          label="Overall rationale (shown to raters after they answer)"
          placeholder="Why these are the right answers…"
          editable={editable}
          testId="example-rationale"
        />
      </SuggestableField>
      {mine.length > 0 && (
        <ul className="inline-problems" data-testid="example-problems">
          {mine.map((problem) => (
            <li
              key={`${problem.code}:${problem.criterionId ?? ''}:${problem.message}`}
              className={`inline-problem is-${problem.severity}`}
            >
              {problem.message}
            </li>
          ))}
        </ul>
      )}
    </NodeViewWrapper>
  )
}
