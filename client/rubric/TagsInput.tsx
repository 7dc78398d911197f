/** Tags of a criterion as chips (`axis:accuracy` style); Enter or comma adds one, × removes it. */
import { useState } from 'react'
import { setTags } from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'

export function TagsInput({ criterionId, tags }: { criterionId: string; tags: string[] }) {
  const { doc, editable } = useDraftData()
  const [draft, setDraft] = useState('')
  const commit = () => {
    const tag = draft.trim().replace(/,$/, '').slice(0, 60)
    setDraft('')
    if (!tag || tags.includes(tag) || tags.length >= 20) return
    writeLocal(doc, () => setTags(doc, criterionId, [...tags, tag]))
  }
  return (
    <div className="tags" data-testid="tags">
      {tags.map((tag) => (
        <span key={tag} className="chip">
          {tag}
          {editable && (
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() =>
                writeLocal(doc, () =>
                  setTags(
                    doc,
                    criterionId,
                    tags.filter((t) => t !== tag),
                  ),
                )
              }
            >
              ×
            </button>
          )}
        </span>
      ))}
      {editable && (
        <input
          className="tags__input"
          aria-label="Add a tag"
          placeholder={tags.length ? 'Add tag' : 'Add a tag, e.g. axis:accuracy'}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault()
              commit()
            }
          }}
        />
      )}
      {!editable && tags.length === 0 && <span className="muted small">No tags</span>}
    </div>
  )
}
