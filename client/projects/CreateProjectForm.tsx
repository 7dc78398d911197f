/**
 * Name input and button that create a project, and what it starts from: Blank, a template (TemplatePicker), or
 * an imported document (ImportNewProject).
 * A name over the limit is said in the field before submit (nothing is cut); errors from the server show under
 * the field.
 */
import { type FormEvent, useState } from 'react'
import { PROJECT_NAME_MAX, type Project } from '../../shared/schema/project'
import { unsafeCharacterMessage } from '../../shared/schema/safeText'
import { errorMessage } from '../api/http'
import { createProject } from '../api/projects'
import { ImportNewProject } from '../import/ImportNewProject'
import { nameLengthMessage } from '../ui/nameLength'
import { BLANK, TemplatePicker } from './TemplatePicker'
import { useTemplates } from './useTemplates'

export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const [name, setName] = useState('')
  const [templateId, setTemplateId] = useState(BLANK)
  const templates = useTemplates()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const trimmed = name.trim()
  const unsafe = unsafeCharacterMessage(trimmed)
  const tooLong = trimmed.length > PROJECT_NAME_MAX

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!trimmed || unsafe || tooLong || pending) return
    setPending(true)
    setError(null)
    try {
      onCreated(await createProject(trimmed, templateId === BLANK ? undefined : templateId))
      setName('')
      setTemplateId(BLANK)
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="create-project" onSubmit={submit}>
      <div className="create-project__row">
        <input
          className="text-input"
          data-testid="new-project-name"
          aria-label="New project name"
          placeholder="New project, e.g. Medical QA — helpfulness & safety"
          value={name}
          aria-invalid={unsafe || tooLong ? true : undefined}
          aria-describedby={tooLong ? 'new-project-name-length' : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="button button--primary"
          data-testid="create-project"
          disabled={!trimmed || Boolean(unsafe) || tooLong || pending}
        >
          {pending ? 'Creating…' : 'Create project'}
        </button>
      </div>
      <TemplatePicker templates={templates} value={templateId} onChange={setTemplateId} disabled={pending} />
      <ImportNewProject
        name={unsafe || tooLong ? '' : trimmed}
        disabled={pending}
        create={(projectName) => createProject(projectName)}
        onCreated={onCreated}
      />
      {unsafe && (
        <p className="form-error" role="alert" data-testid="new-project-name-error">
          The name {unsafe}.
        </p>
      )}
      {tooLong && (
        <p className="form-error" id="new-project-name-length" data-testid="new-project-name-length">
          {nameLengthMessage(trimmed.length)}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
