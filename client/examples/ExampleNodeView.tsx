/**
 * A calibration example embedded in the guideline: title, role (teaching, or a held-out calibration item),
 * difficulty, status, content kind, the section it illustrates, its collaborative rich-text content, the gold answer per criterion with rationales, and the
 * overall rationale. Criteria changes show live (a new criterion reads "gold missing"). Reviewers read only.
 */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { EXAMPLE_DIFFICULTIES, EXAMPLE_STATUSES } from '../../shared/schema/rubric'
import {
  type ContentKind,
  deleteExample,
  exampleRichText,
  exampleTitle,
  setExampleField,
} from '../../shared/ydoc/examplesDoc'
import { EXAMPLE_ID_ATTR } from '../../shared/ydoc/layout'
import { StartThreadButton } from '../comments/StartThreadButton'
import { handleUndoKeys, useDraftData } from '../rubric/draftContext'
import { TrashIcon } from '../rubric/TrashIcon'
import { YTextInput } from '../rubric/YTextInput'
import { writeLocal } from '../sync/localOrigin'
import { GoldWidget } from './GoldWidget'
import { RichField } from './RichField'

const CONTENT_KINDS: { kind: ContentKind; name: string }[] = [
  { kind: 'single', name: 'Prompt + response' },
  { kind: 'pairwise', name: 'Prompt + responses A/B' },
  { kind: 'free', name: 'Free content' },
]

export function ExampleNodeView({ node, deleteNode, selected }: ReactNodeViewProps) {
  const data = useDraftData()
  const { doc, editable, rubric, examples, problems, sections, undo } = data
  const exampleId = String(node.attrs[EXAMPLE_ID_ATTR] ?? '')
  const example = examples.find((e) => e.id === exampleId)

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
  const section = example.sectionId ? sections.get(example.sectionId) : undefined
  const set = (field: 'contentKind' | 'difficulty' | 'status' | 'role', value: string) =>
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
        <label className="mini-field mini-field--inline">
          <span>Content</span>
          <select
            className="text-input"
            value={kind}
            disabled={!editable}
            data-testid="example-kind"
            onChange={(event) => set('contentKind', event.target.value)}
          >
            {CONTENT_KINDS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
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
        {kind === 'free' ? (
          <RichField
            doc={doc}
            fragment={rich('body')}
            label="Content"
            placeholder="The item to rate…"
            editable={editable}
            testId="example-body"
          />
        ) : (
          <RichField
            doc={doc}
            fragment={rich('prompt')}
            label="Prompt"
            placeholder="The user's prompt…"
            editable={editable}
            testId="example-prompt"
          />
        )}
        {kind === 'single' && (
          <RichField
            doc={doc}
            fragment={rich('response')}
            label="Response"
            placeholder="The model's response…"
            editable={editable}
            testId="example-response"
          />
        )}
        {kind === 'pairwise' && (
          <div className="example__pair">
            <RichField
              doc={doc}
              fragment={rich('responseA')}
              label="Response A"
              placeholder="Response A…"
              editable={editable}
              testId="example-response-a"
            />
            <RichField
              doc={doc}
              fragment={rich('responseB')}
              label="Response B"
              placeholder="Response B…"
              editable={editable}
              testId="example-response-b"
            />
          </div>
        )}
      </div>
      <section className="example__gold" aria-label="Gold answers">
        <h4 className="example__subtitle">Gold answers</h4>
        {rubric.criteria.length === 0 ? (
          <p className="muted small">The rubric has no criteria yet — add them in the rubric panel.</p>
        ) : (
          rubric.criteria.map((criterion) => (
            <GoldWidget
              key={criterion.id}
              exampleId={exampleId}
              criterion={criterion}
              gold={example.gold[criterion.id]}
            />
          ))
        )}
      </section>
      <RichField
        doc={doc}
        fragment={rich('rationale')}
        label="Overall rationale (shown to raters after they answer)"
        placeholder="Why these are the right answers…"
        editable={editable}
        testId="example-rationale"
      />
      {mine.length > 0 && (
        <ul className="inline-problems" data-testid="example-problems">
          {mine.map((problem) => (
            <li
              key={`${problem.code}:${problem.criterionId ?? ''}`}
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
