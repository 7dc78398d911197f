/**
 * "Import a document" on the new-project form: the chosen .docx, .md or .html is converted first (steps,
 * percent, Cancel; a clear sentence for a bad file), then the project is created — named as typed, or after the
 * file — and its editor opens and takes the document over as its guideline (pendingImport.ts, ImportPanel.tsx).
 */
import { useRef, useState } from 'react'
import { IMPORT_ACCEPT, importTitle } from '../../shared/import/importFile'
import { PROJECT_NAME_MAX, type Project } from '../../shared/schema/project'
import { errorMessage } from '../api/http'
import { ImportProgressBar } from './ImportProgressBar'
import { convertFile, ImportCancelled, ImportFailure, type ImportProgress } from './importDocument'
import { setPendingImport } from './pendingImport'
import './importPanel.css'

interface ImportNewProjectProps {
  /** The name typed in the form, if any. */
  name: string
  disabled: boolean
  create: (name: string) => Promise<Project>
  onCreated: (project: Project) => void
}

export function ImportNewProject({ name, disabled, create, onCreated }: ImportNewProjectProps) {
  const input = useRef<HTMLInputElement>(null)
  const controller = useRef<AbortController | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [error, setError] = useState<string | null>(null)

  const start = async (file: File) => {
    const abort = new AbortController()
    controller.current = abort
    setError(null)
    try {
      const converted = await convertFile(
        file,
        (step) => setProgress({ ...step, percent: Math.min(step.percent, 30) }),
        abort.signal,
      )
      setProgress({ step: 'Creating the project…', percent: 35 })
      const project = await create(name.trim() || importTitle(file.name).slice(0, PROJECT_NAME_MAX))
      setPendingImport(project.id, converted)
      onCreated(project)
    } catch (caught) {
      if (!(caught instanceof ImportCancelled))
        setError(caught instanceof ImportFailure ? caught.message : errorMessage(caught))
    } finally {
      setProgress(null)
    }
  }

  return (
    <div className="import-new-project">
      {progress ? (
        <ImportProgressBar progress={progress} onCancel={() => controller.current?.abort()} />
      ) : (
        <button
          type="button"
          className="button button--ghost"
          data-testid="new-project-import"
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          Import a document…
        </button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept={IMPORT_ACCEPT}
        data-testid="new-project-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) void start(file)
        }}
      />
      {error && (
        <p className="form-error" role="alert" data-testid="new-project-import-error">
          {error}
        </p>
      )}
    </div>
  )
}
