/** Name input and button that create a project; errors from the server show under the field. */
import { type FormEvent, useState } from 'react'
import type { Project } from '../../shared/schema/project'
import { unsafeCharacterMessage } from '../../shared/schema/safeText'
import { errorMessage } from '../api/http'
import { createProject } from '../api/projects'

export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const [name, setName] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const trimmed = name.trim()
  const unsafe = unsafeCharacterMessage(trimmed)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!trimmed || unsafe || pending) return
    setPending(true)
    setError(null)
    try {
      onCreated(await createProject(trimmed))
      setName('')
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
          maxLength={120}
          aria-invalid={unsafe ? true : undefined}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="button button--primary"
          data-testid="create-project"
          disabled={!trimmed || Boolean(unsafe) || pending}
        >
          {pending ? 'Creating…' : 'Create project'}
        </button>
      </div>
      {unsafe && (
        <p className="form-error" role="alert" data-testid="new-project-name-error">
          The name {unsafe}.
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
