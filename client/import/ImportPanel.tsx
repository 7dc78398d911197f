/**
 * "Import…" in the guideline editor: a panel under the toolbar to choose a .docx, .md or .html file, with the
 * conversion's steps and percent, Cancel, and a clear sentence when the file cannot be imported. The content is
 * appended to the draft as new section(s); for a project just created from a document (pendingImport.ts) it
 * replaces the starting text once the draft has synced. The editor stays usable throughout.
 */
import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES } from '../../shared/import/importFile'
import type { DraftConnection } from '../sync/draftConnection'
import { ImportProgressBar } from './ImportProgressBar'
import {
  buildContent,
  type ConvertedFile,
  convertFile,
  ImportCancelled,
  ImportFailure,
  type ImportProgress,
  insertContent,
} from './importDocument'
import { clearPendingImport, peekPendingImport } from './pendingImport'
import './importPanel.css'

type Phase =
  | { name: 'choose' }
  | { name: 'working'; progress: ImportProgress }
  | { name: 'failed'; message: string }
  | { name: 'done'; message: string }

interface ImportPanelProps {
  editor: Editor
  connection: DraftConnection
  onClose: () => void
}

function whenSynced(connection: DraftConnection, signal: AbortSignal): Promise<void> {
  const { provider } = connection
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onSync = (synced: boolean) => {
      if (!synced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
    signal.addEventListener('abort', () => reject(new ImportCancelled()), { once: true })
  })
}

function summary(fileName: string, sections: number, skippedImages: number): string {
  const images =
    skippedImages > 0
      ? ` ${skippedImages === 1 ? '1 image was' : `${skippedImages} images were`} left out: add images with the Media button.`
      : ''
  return `Imported “${fileName}”: ${sections === 1 ? '1 section' : `${sections} sections`}.${images}`
}

export function ImportPanel({ editor, connection, onClose }: ImportPanelProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'choose' })
  const controller = useRef<AbortController | null>(null)
  const input = useRef<HTMLInputElement>(null)

  const run = useCallback(
    async (source: File | ConvertedFile, replace: boolean) => {
      controller.current?.abort()
      const abort = new AbortController()
      controller.current = abort
      const onProgress = (progress: ImportProgress) => {
        if (!abort.signal.aborted) setPhase({ name: 'working', progress })
      }
      onProgress({ step: 'Reading the file…', percent: 0 })
      try {
        const converted =
          source instanceof File ? await convertFile(source, onProgress, abort.signal) : source
        if (replace) {
          onProgress({ step: 'Waiting for the draft…', percent: 40 })
          await whenSynced(connection, abort.signal)
        }
        const content = await buildContent(converted, editor.schema, onProgress, abort.signal)
        if (abort.signal.aborted || editor.isDestroyed) throw new ImportCancelled()
        await insertContent(editor, content, replace, onProgress, abort.signal)
        let sections = 0
        content.fragment.forEach((node) => {
          if (node.type.name === 'heading') sections++
        })
        setPhase({ name: 'done', message: summary(converted.fileName, sections, content.skippedImages) })
      } catch (error) {
        if (error instanceof ImportCancelled) setPhase({ name: 'choose' })
        else
          setPhase({
            name: 'failed',
            message: error instanceof ImportFailure ? error.message : 'The file could not be imported.',
          })
      } finally {
        if (replace) clearPendingImport(connection.projectId)
      }
    },
    [editor, connection],
  )

  // A project created from a document: take it over once, as soon as the panel opens.
  useEffect(() => {
    const pending = peekPendingImport(connection.projectId)
    if (pending) void run(pending, true)
  }, [connection.projectId, run])
  useEffect(() => () => controller.current?.abort(), [])

  return (
    <section className="import-panel" data-testid="import-panel" aria-label="Import a document">
      <div className="import-panel__row">
        <strong>Import a document</strong>
        {phase.name === 'working' ? (
          <ImportProgressBar progress={phase.progress} onCancel={() => controller.current?.abort()} />
        ) : (
          <>
            <button type="button" className="button button--secondary" onClick={() => input.current?.click()}>
              Choose a file…
            </button>
            <span className="muted">
              Word (.docx), Markdown (.md) or HTML, up to {IMPORT_MAX_BYTES / (1024 * 1024)} MB. Headings
              become sections, added at the end of the draft.
            </span>
          </>
        )}
        <button
          type="button"
          className="button button--ghost import-panel__close"
          data-testid="import-close"
          aria-label="Close import"
          onClick={() => {
            controller.current?.abort()
            onClose()
          }}
        >
          ✕
        </button>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        accept={IMPORT_ACCEPT}
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) void run(file, false)
        }}
      />
      {phase.name === 'failed' && (
        <p className="form-error" role="alert" data-testid="import-error">
          {phase.message}
        </p>
      )}
      {phase.name === 'done' && (
        <p className="import-panel__done" role="status" data-testid="import-done">
          {phase.message}
        </p>
      )}
    </section>
  )
}
