/**
 * The "Export" menu of a published version: the files for other tools (Label Studio config and tasks per task
 * type, HealthBench-style JSONL when the rubric has points criteria, gold CSV) — only those the viewer may get.
 * It reads the version (as the viewer sees it) when first opened, to list task types and formats that apply.
 */
import { useEffect, useRef, useState } from 'react'
import { taskTypesOf } from '../../shared/rubric/taskTypes'
import { EXPORT_FORMATS, type ExportFormat, exportPath } from '../../shared/schema/exports'
import type { VersionJson } from '../../shared/schema/version'
import { errorMessage } from '../api/http'
import { getVersion } from '../api/versions'

interface Entry {
  key: string
  href: string
  label: string
  title: string
}

function entriesFor(projectId: string, version: VersionJson, gold: boolean): Entry[] {
  const types = taskTypesOf(version.rubric)
  const entries: Entry[] = []
  const add = (format: ExportFormat, label: string, taskType?: string) =>
    entries.push({
      key: `${format}:${taskType ?? ''}`,
      href: exportPath(projectId, version.version, format, taskType),
      label,
      title: EXPORT_FORMATS[format].label,
    })
  for (const type of types) {
    const which = types.length > 1 ? ` — ${type.name}` : ''
    const id = types.length > 1 ? type.id : undefined
    add('label-studio-config.xml', `Label Studio config${which}`, id)
    add('label-studio-tasks.json', `Label Studio tasks${gold ? ' with gold' : ''}${which}`, id)
  }
  if (version.rubric.criteria.some((c) => c.kind === 'points')) add('healthbench.jsonl', 'HealthBench JSONL')
  if (gold) add('gold.csv', 'Gold CSV')
  return entries
}

export function ExportMenu({
  projectId,
  version,
  gold,
}: {
  projectId: string
  version: string
  gold: boolean
}) {
  const [state, setState] = useState<
    | { status: 'idle' | 'loading' }
    | { status: 'ready'; entries: Entry[] }
    | { status: 'error'; message: string }
  >({ status: 'idle' })

  const ref = useRef<HTMLDetailsElement>(null)
  // Like any menu: a click elsewhere or Escape closes it.
  useEffect(() => {
    const close = (event: MouseEvent | KeyboardEvent) => {
      const menu = ref.current
      if (!menu?.open) return
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menu.contains(event.target as Node))
        menu.open = false
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [])

  const load = () => {
    if (state.status !== 'idle' && state.status !== 'error') return
    setState({ status: 'loading' })
    getVersion(projectId, version).then(
      (json) => setState({ status: 'ready', entries: entriesFor(projectId, json, gold) }),
      (error: unknown) => setState({ status: 'error', message: errorMessage(error) }),
    )
  }

  return (
    <details
      ref={ref}
      className="export-menu"
      data-testid="export-menu"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) load()
      }}
    >
      <summary className="button button--ghost button--small">Export ▾</summary>
      <div className="export-menu__list" role="menu">
        {state.status === 'loading' && <p className="muted small">Loading…</p>}
        {state.status === 'error' && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
        {state.status === 'ready' &&
          state.entries.map((entry) => (
            <a
              key={entry.key}
              role="menuitem"
              className="export-menu__item"
              href={entry.href}
              download
              title={entry.title}
              data-testid="export-item"
            >
              {entry.label}
            </a>
          ))}
      </div>
    </details>
  )
}
