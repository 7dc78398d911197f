/**
 * "Import criteria…": adds criteria to the draft's rubric from a file (HealthBench-style JSONL, or a Yardstick
 * version .json) or from a published version of a project the user can read. Shows what will be added, or
 * every problem with its line; adding is one live change co-editors see at once and one undo takes back.
 */
import { useEffect, useRef, useState } from 'react'
import {
  criteriaFromHealthbenchJsonl,
  criteriaFromVersionJson,
  type ImportResult,
} from '../../shared/rubric/rubricImport'
import type { Project } from '../../shared/schema/project'
import type { VersionSummary } from '../../shared/schema/version'
import { importCriteria } from '../../shared/ydoc/importCriteria'
import { errorMessage } from '../api/http'
import { listProjects } from '../api/projects'
import { getVersion, listVersions } from '../api/versions'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'

/** Most bytes of a file read for import (a rubric is small; a HealthBench file with examples is not tiny). */
const MAX_FILE_BYTES = 20 * 1024 * 1024

/** A whole-file JSON object with a rubric is a version; anything else is read as JSONL. */
export function parseImportFile(text: string, existing: number): ImportResult {
  const trimmed = text.trim()
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    try {
      const value = JSON.parse(trimmed.replace(/^\uFEFF/, '')) as Record<string, unknown>
      if (value && typeof value === 'object' && 'rubric' in value)
        return criteriaFromVersionJson(trimmed, existing)
    } catch {
      // Not one JSON document: read as JSONL below, which names the bad line.
    }
  }
  return criteriaFromHealthbenchJsonl(text, existing)
}

export function ImportCriteriaDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { doc, rubric } = useDraftData()
  const ref = useRef<HTMLDialogElement>(null)
  const [result, setResult] = useState<(ImportResult & { source: string }) | null>(null)
  const [projects, setProjects] = useState<Project[] | null>(null)
  const [fromProject, setFromProject] = useState('')
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  const [fromVersion, setFromVersion] = useState('')
  const [loadError, setLoadError] = useState<string | null>(null)
  const existing = rubric.criteria.length

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    listProjects().then(setProjects, (error: unknown) => setLoadError(errorMessage(error)))
  }, [])

  useEffect(() => {
    setVersions(null)
    setFromVersion('')
    if (!fromProject) return
    listVersions(fromProject).then(
      (list) => {
        setVersions(list)
        setFromVersion(list[0]?.version ?? '')
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    )
  }, [fromProject])

  const readFile = async (file: File) => {
    setLoadError(null)
    if (file.size > MAX_FILE_BYTES) {
      setResult({
        ok: false,
        errors: [`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`],
        source: file.name,
      })
      return
    }
    setResult({ ...parseImportFile(await file.text(), existing), source: file.name })
  }

  const readVersion = async () => {
    setLoadError(null)
    try {
      const json = await getVersion(fromProject, fromVersion)
      const name = projects?.find((p) => p.id === fromProject)?.name ?? 'project'
      setResult({
        ...criteriaFromVersionJson(JSON.stringify(json), existing),
        source: `${name} ${fromVersion}`,
      })
    } catch (error) {
      setLoadError(errorMessage(error))
    }
  }

  const add = () => {
    if (!result?.ok) return
    writeLocal(doc, () => importCriteria(doc, result.criteria))
    onClose()
  }

  return (
    <dialog
      ref={ref}
      className="dialog import-dialog"
      data-testid="import-criteria-dialog"
      aria-label="Import criteria"
      onClose={onClose}
    >
      <h2 className="dialog__title">Import criteria</h2>
      <div className="dialog__body">
        <label className="field">
          <span className="field-label">From a file</span>
          <input
            type="file"
            accept=".jsonl,.ndjson,.json,application/json"
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) void readFile(file)
            }}
          />
          <span className="field-hint">
            HealthBench-style JSONL (<code>{'{"rubrics": [{"criterion", "points", "tags"}]}'}</code> per line,
            or one criterion per line) becomes points criteria; a Yardstick version <code>.json</code> brings
            its criteria.
          </span>
        </label>
        <div className="field">
          <span className="field-label">From a published version</span>
          <div className="import-dialog__row">
            <select
              className="text-input"
              aria-label="Project"
              data-testid="import-project"
              value={fromProject}
              onChange={(event) => setFromProject(event.target.value)}
            >
              <option value="">Choose a project…</option>
              {(projects ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id === projectId ? `${p.name} (this project)` : p.name}
                </option>
              ))}
            </select>
            <select
              className="text-input"
              aria-label="Version"
              data-testid="import-version"
              value={fromVersion}
              disabled={!versions || versions.length === 0}
              onChange={(event) => setFromVersion(event.target.value)}
            >
              {versions?.length === 0 && <option value="">No published versions</option>}
              {(versions ?? []).map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary button--small"
              data-testid="import-version-load"
              disabled={!fromVersion}
              onClick={() => void readVersion()}
            >
              Read
            </button>
          </div>
        </div>
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {result && !result.ok && (
          <div className="form-error" role="alert" data-testid="import-errors">
            <p>{result.source} cannot be imported:</p>
            <ul>
              {result.errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </div>
        )}
        {result?.ok && (
          <div data-testid="import-preview">
            <p>
              {result.criteria.length} {result.criteria.length === 1 ? 'criterion' : 'criteria'} from{' '}
              {result.source}, added after the rubric’s {existing}:
            </p>
            <ul className="import-dialog__preview">
              {result.criteria.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the preview list never reorders
                <li key={i}>
                  {c.title || 'Untitled'}{' '}
                  <span className="muted small">
                    {c.kind}
                    {c.kind === 'points' && c.points !== undefined
                      ? ` · ${c.points > 0 ? '+' : ''}${c.points}`
                      : ''}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="import-confirm"
          disabled={!result?.ok}
          onClick={add}
        >
          {result?.ok
            ? `Add ${result.criteria.length} ${result.criteria.length === 1 ? 'criterion' : 'criteria'}`
            : 'Add criteria'}
        </button>
      </div>
    </dialog>
  )
}
