/**
 * The content editor of a media example: the prompt (collaborative rich text), the generated media, and
 * optionally media A and B side by side for pairwise criteria (the media list then holds any input media).
 */
import { contentRichText, hasFinals, setHasFinals } from '../../shared/ydoc/exampleContentDoc'
import { useDraftData } from '../rubric/draftContext'
import { writeLocal } from '../sync/localOrigin'
import { MediaListEditor } from './MediaListEditor'
import { RichField } from './RichField'

export function MediaEditor({ exampleId }: { exampleId: string }) {
  const { doc, editable } = useDraftData()
  const pairwise = hasFinals(doc, exampleId)
  return (
    <div className="ex-media-content" data-testid="media-editor">
      <RichField
        doc={doc}
        fragment={contentRichText(doc, exampleId, 'prompt')}
        label="Prompt"
        placeholder="The prompt the media was generated from…"
        editable={editable}
        testId="example-prompt"
      />
      <MediaListEditor
        exampleId={exampleId}
        list="media"
        label={pairwise ? 'Input media (optional)' : 'Generated media'}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={pairwise}
          disabled={!editable}
          data-testid="media-pairwise"
          onChange={(event) => writeLocal(doc, () => setHasFinals(doc, exampleId, event.target.checked))}
        />
        Compare media A and B (for pairwise criteria)
      </label>
      {pairwise && (
        <div className="example__pair">
          <MediaListEditor exampleId={exampleId} list="mediaA" label="Media A" />
          <MediaListEditor exampleId={exampleId} list="mediaB" label="Media B" />
        </div>
      )}
    </div>
  )
}
