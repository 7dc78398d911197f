/**
 * `/projects/:id/diff?from=&to=`: pick two versions (or a version and the draft) and see what changed — the
 * guideline highlighted in place and the rubric as a list of sentences. The pickers rewrite the query string.
 */
import { useEffect, useState } from 'react'
import { can } from '../../shared/auth/permissions'
import type { VersionSummary } from '../../shared/schema/version'
import { getDiff, listVersions } from '../api/versions'
import { Link } from '../app/Link'
import { versionPath } from '../app/router'
import { useProject } from '../editor/useProject'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { GuidelineDiffView } from './GuidelineDiffView'
import { RubricDiffView } from './RubricDiffView'
import { LoadError, VersionsChrome } from './VersionsChrome'

function readQuery(): { from: string | null; to: string | null } {
  const query = new URLSearchParams(window.location.search)
  return { from: query.get('from'), to: query.get('to') }
}

/** Sensible sides when the link gave none: the two newest versions, or the newest and the draft. */
function defaults(versions: VersionSummary[], draft: boolean) {
  const [newest, older] = versions
  if (older && newest) return { from: older.version, to: newest.version }
  return { from: newest?.version ?? '', to: draft ? 'draft' : (newest?.version ?? '') }
}

const sideName = (ref: string) => (ref === 'draft' ? 'the current draft' : `version ${ref}`)

interface PickerProps {
  label: string
  value: string
  versions: VersionSummary[]
  withDraft: boolean
  onChange: (value: string) => void
  testId: string
}

function Picker({ label, value, versions, withDraft, onChange, testId }: PickerProps) {
  return (
    <label className="field diff-picker">
      <span className="field-label">{label}</span>
      <select
        className="select"
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {withDraft && <option value="draft">Current draft</option>}
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version} — {v.changelog.length > 40 ? `${v.changelog.slice(0, 40)}…` : v.changelog}
          </option>
        ))}
      </select>
    </label>
  )
}

export default function DiffPage({ projectId }: { projectId: string }) {
  const project = useProject(projectId)
  const ready = project.state.status === 'ready' ? project.state.project : null
  const role = ready?.role ?? null
  const withDraft = can(role, 'draft.read')
  const versions = useResource(ready ? projectId : null, (signal) => listVersions(projectId, signal))
  const [sides, setSides] = useState(readQuery)
  const list = versions.state.status === 'ready' ? versions.state.value : []
  const fallback = defaults(list, withDraft)
  const from = sides.from ?? fallback.from
  const to = sides.to ?? fallback.to
  const key = ready && versions.state.status === 'ready' && from && to ? `${from}→${to}` : null
  const diff = useResource(key, (signal) => getDiff(projectId, from, to, signal))

  // Back and forward between diffs: take the sides from the address again.
  useEffect(() => {
    const onPop = () => setSides(readQuery())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  useEffect(() => {
    document.title = `Changes ${from} → ${to}${ready ? ` — ${ready.name}` : ''} — Yardstick`
  }, [from, to, ready])

  const choose = (next: { from: string; to: string }) => {
    setSides(next)
    window.history.replaceState(null, '', `${window.location.pathname}?${new URLSearchParams(next)}`)
  }

  return (
    <VersionsChrome projectId={projectId} project={project.state} onRetry={project.refresh} backToVersions>
      <main className="diff-page" data-testid="diff-page">
        <div className="diff-page__heading">
          <h1>What changed</h1>
          {versions.state.status === 'ready' && list.length > 0 && (
            <div className="diff-pickers">
              <Picker
                label="From"
                value={from}
                versions={list}
                withDraft={withDraft}
                onChange={(value) => choose({ from: value, to })}
                testId="diff-from"
              />
              <button
                type="button"
                className="button button--ghost diff-swap"
                aria-label="Swap the two sides"
                title="Swap"
                onClick={() => choose({ from: to, to: from })}
              >
                ⇄
              </button>
              <Picker
                label="To"
                value={to}
                versions={list}
                withDraft={withDraft}
                onChange={(value) => choose({ from, to: value })}
                testId="diff-to"
              />
            </div>
          )}
        </div>
        {versions.state.status === 'loading' && <PageLoading />}
        {versions.state.status === 'error' && (
          <LoadError message={versions.state.message} onRetry={versions.reload} />
        )}
        {versions.state.status === 'ready' && list.length === 0 && (
          <p className="section-empty" data-testid="versions-empty">
            No published version yet — there is nothing to compare.
          </p>
        )}
        {key && (
          <>
            <p className="diff-page__summary muted" data-testid="diff-summary">
              Changes from{' '}
              {from === 'draft' ? (
                sideName(from)
              ) : (
                <Link href={versionPath(projectId, from)}>{sideName(from)}</Link>
              )}{' '}
              to{' '}
              {to === 'draft' ? sideName(to) : <Link href={versionPath(projectId, to)}>{sideName(to)}</Link>}.
              {from === to && ' Both sides are the same, so nothing differs.'}
            </p>
            {diff.state.status === 'loading' && <PageLoading label="Comparing…" />}
            {diff.state.status === 'error' && (
              <LoadError message={diff.state.message} onRetry={diff.reload} />
            )}
            {diff.state.status === 'ready' && (
              <div className="sheet diff-sheet">
                <GuidelineDiffView blocks={diff.state.value.guideline} />
                <RubricDiffView changes={diff.state.value.rubric} goldHidden={!can(role, 'versions.gold')} />
              </div>
            )}
          </>
        )}
      </main>
    </VersionsChrome>
  )
}
