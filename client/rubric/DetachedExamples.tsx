/**
 * Examples whose block was removed from the guideline text (deleted, cut, or undone) still exist with their
 * gold; they are listed here to put back at the caret or delete for good, so none is kept invisibly.
 */
import { deleteExample } from '../../shared/ydoc/examplesDoc'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE } from '../../shared/ydoc/layout'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'

export function DetachedExamples() {
  const { doc, editor, editable, examples, embedded } = useDraftData()
  const detached = examples.filter((example) => !embedded.has(example.id))
  if (detached.length === 0) return null
  return (
    <section className="detached" data-testid="detached-examples">
      <h3 className="section-title">Examples not in the text ({detached.length})</h3>
      <p className="muted small">
        Their block was removed from the guideline; they still count for publishing.
      </p>
      <ul className="detached__list">
        {detached.map((example) => (
          <li key={example.id} className="detached__item" data-example-block={example.id}>
            <span className="detached__title">{example.title.trim() || 'Untitled example'}</span>
            {editable && (
              <span className="detached__actions">
                <button
                  type="button"
                  className="button button--ghost button--small"
                  data-testid="detached-put-back"
                  onClick={() =>
                    editor
                      .chain()
                      .focus()
                      .insertContent({ type: EXAMPLE_NODE, attrs: { [EXAMPLE_ID_ATTR]: example.id } })
                      .run()
                  }
                >
                  Put back at caret
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  data-testid="detached-delete"
                  onClick={() => writeLocal(doc, () => deleteExample(doc, example.id))}
                >
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
