/** The three rubric templates as cards; applying one adds its criteria (and fills an empty title). */
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'

export function TemplatePicker({ onDone }: { onDone?: () => void }) {
  const { doc } = useDraftData()
  return (
    <ul className="templates" data-testid="templates">
      {RUBRIC_TEMPLATES.map((template) => (
        <li key={template.id}>
          <button
            type="button"
            className="template"
            data-testid={`template-${template.id}`}
            onClick={() => {
              writeLocal(doc, () => applyTemplate(doc, template))
              onDone?.()
            }}
          >
            <strong>{template.name}</strong>
            <span className="muted small">{template.summary}</span>
            <span className="muted small">{template.criteria.length} criteria</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
