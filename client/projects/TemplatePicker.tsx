/**
 * "Start from": Blank or one of the project templates, each with its one-line summary and the task types it
 * sets up. Collapsed to one line showing the choice, so the project list stays close to the top.
 */
import type { TemplateSummary } from '../../shared/templates/templateSchema'
import type { TemplatesState } from './useTemplates'
import './templatePicker.css'

export const BLANK = 'blank'

interface Option {
  id: string
  name: string
  summary: string
  detail: string
}

const blankOption: Option = {
  id: BLANK,
  name: 'Blank',
  summary: 'An empty guideline with your project’s name as its title; add criteria and examples yourself.',
  detail: '',
}

const optionOf = (t: TemplateSummary): Option => ({
  id: t.id,
  name: t.name,
  summary: t.summary,
  detail: `${t.taskTypes.join(' · ')} — ${t.criteria} criteria, ${t.examples} gold examples`,
})

export function TemplatePicker({
  templates,
  value,
  onChange,
  disabled,
}: {
  templates: TemplatesState
  value: string
  onChange: (id: string) => void
  disabled?: boolean
}) {
  const options = [blankOption, ...(templates.status === 'ready' ? templates.templates.map(optionOf) : [])]
  const chosen = options.find((o) => o.id === value) ?? blankOption
  return (
    <details className="template-picker" data-testid="template-picker">
      <summary className="template-picker__summary">
        Start from: <strong data-testid="template-chosen">{chosen.name}</strong>
      </summary>
      <fieldset className="template-picker__options" disabled={disabled}>
        <legend className="visually-hidden">Start the new project from</legend>
        {options.map((option) => (
          <label
            key={option.id}
            className={`template-option${option.id === value ? ' template-option--chosen' : ''}`}
            data-testid={`template-option-${option.id}`}
          >
            <input
              type="radio"
              name="project-template"
              value={option.id}
              checked={option.id === value}
              onChange={() => onChange(option.id)}
            />
            <span className="template-option__text">
              <span className="template-option__name">{option.name}</span>
              <span className="template-option__summary">{option.summary}</span>
              {option.detail && <span className="template-option__detail">{option.detail}</span>}
            </span>
          </label>
        ))}
        {templates.status === 'loading' && <p className="muted">Loading templates…</p>}
        {templates.status === 'error' && (
          <p className="muted" role="status">
            Templates could not be loaded ({templates.message}); you can still start a blank project.
          </p>
        )}
      </fieldset>
    </details>
  )
}
