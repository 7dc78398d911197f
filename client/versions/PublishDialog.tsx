/**
 * Publishing the draft as a new immutable version: pick major / minor / patch (with what each means), see the
 * number it will get, write the changelog note, publish. Refused while the live problems list has errors; if
 * the server still refuses, its list of problems is shown. Says what the version's calibration will draw.
 */
import { useEffect, useRef, useState } from 'react'
import type { Problem } from '../../shared/rubric/problems'
import type { PoolSummary } from '../../shared/schema/poolSummary'
import type { Bump, VersionSummary } from '../../shared/schema/version'
import { bumpSemver, formatSemver, parseSemver } from '../../shared/versioning/semver'
import { getCommentSummary } from '../api/comments'
import { errorMessage } from '../api/http'
import { getDiff, listVersions, PublishRefused, publishVersion } from '../api/versions'
import { diffPath } from '../app/router'
import { PoolSummaryView } from './PoolSummaryView'
import { type BumpSuggestion, suggestBump } from './suggestBump'

const BUMPS: { bump: Bump; title: string; guide: string }[] = [
  {
    bump: 'major',
    title: 'Major',
    guide:
      'The scoring meaning changed (a criterion, scale or gold answer means something else). Annotators must re-calibrate.',
  },
  {
    bump: 'minor',
    title: 'Minor',
    guide: 'New criteria or new examples; existing scores keep their meaning.',
  },
  { bump: 'patch', title: 'Patch', guide: 'Wording, typos and clarifications only.' },
]

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

interface PublishDialogProps {
  projectId: string
  /** The live problems of the draft (errors block publishing). */
  problems: Problem[]
  /** What the new version's calibration will draw from (null while the draft loads). */
  pool: PoolSummary | null
  onPublished: (version: VersionSummary) => void
  onClose: () => void
}

export function PublishDialog({ projectId, problems, pool, onPublished, onClose }: PublishDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const [latest, setLatest] = useState<string | null | undefined>(undefined)
  const [bump, setBump] = useState<Bump | null>(null)
  const [changelog, setChangelog] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [refused, setRefused] = useState<Problem[]>([])
  const [suggestion, setSuggestion] = useState<BumpSuggestion | null>(null)
  const [openThreads, setOpenThreads] = useState(0)
  const [openSuggestions, setOpenSuggestions] = useState(0)
  const touched = useRef(false)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    const controller = new AbortController()
    const fail = (caught: unknown) => {
      if (!controller.signal.aborted) setError(errorMessage(caught))
    }
    listVersions(projectId, controller.signal).then((versions) => {
      const first = versions[0]?.version ?? null
      setLatest(first)
      setBump((current) => current ?? (first ? 'minor' : 'major'))
      if (!first) return
      // What changed since the latest version decides the suggested kind (unless the lead already chose).
      getDiff(projectId, first, 'draft', controller.signal).then((diff) => {
        const suggested = suggestBump(diff)
        setSuggestion(suggested)
        if (!touched.current && suggested.bump) setBump(suggested.bump)
      }, fail)
    }, fail)
    getCommentSummary(projectId, controller.signal).then(
      (summary) => {
        setOpenThreads(summary.open)
        setOpenSuggestions(summary.openSuggestions)
      },
      () => {
        // Without the count the dialog simply does not warn; publishing records the count itself.
      },
    )
    return () => controller.abort()
  }, [projectId])

  const errors = problems.filter((p) => p.severity === 'error')
  const parsedLatest = latest ? parseSemver(latest) : null
  const next = bump && latest !== undefined ? formatSemver(bumpSemver(parsedLatest, bump)) : null
  const canPublish =
    !pending && errors.length === 0 && bump !== null && next !== null && changelog.trim() !== ''

  const publish = async () => {
    if (!bump) return
    setPending(true)
    setError(null)
    setRefused([])
    try {
      const version = await publishVersion(projectId, bump, changelog.trim())
      onPublished(version)
      onClose()
    } catch (caught) {
      if (caught instanceof PublishRefused) setRefused(caught.problems)
      setError(caught instanceof Error ? caught.message : errorMessage(caught))
      setPending(false)
    }
  }

  const shown = refused.length > 0 ? refused : errors
  return (
    <dialog
      ref={ref}
      className="dialog publish-dialog"
      data-testid="publish-dialog"
      aria-label="Publish a version"
      onClose={onClose}
    >
      <h2 className="dialog__title">Publish a version</h2>
      <p className="dialog__body">
        A published version is frozen: annotators read it and tools fetch it, while you keep editing the
        draft.{' '}
        {latest === undefined
          ? 'Loading the version history…'
          : latest
            ? `The latest version is ${latest}.`
            : 'This will be the first version.'}
      </p>
      {pool && <PoolSummaryView pool={pool} />}
      <form
        className="publish-dialog__form"
        onSubmit={(event) => {
          event.preventDefault()
          if (canPublish) void publish()
        }}
      >
        {latest && suggestion && (
          <p className="publish-dialog__since" data-testid="publish-since">
            {suggestion.bump === null
              ? `The draft is the same as ${latest}: there is nothing new to publish.`
              : `Since ${latest}: ${plural(suggestion.guidelineBlocks, 'guideline block')} and ${plural(
                  suggestion.rubricChanges,
                  'rubric change',
                )}.`}{' '}
            <a href={diffPath(projectId, latest, 'draft')} target="_blank" rel="noopener">
              Review the changes ↗
            </a>
            {suggestion.bump && suggestion.reason && (
              <span className="publish-dialog__reason">
                {BUMPS.find((b) => b.bump === suggestion.bump)?.title} is suggested: {suggestion.reason}
              </span>
            )}
          </p>
        )}
        {openThreads > 0 && (
          <p className="publish-dialog__threads" role="note" data-testid="publish-open-threads">
            <strong>{plural(openThreads, 'comment thread')} still open</strong> on the draft. Comments stay on
            the draft and are never part of a version; the version will record that{' '}
            {openThreads === 1 ? 'one was' : `${openThreads} were`} open.
          </p>
        )}
        {openSuggestions > 0 && (
          <p className="publish-dialog__threads" role="note" data-testid="publish-open-suggestions">
            <strong>
              {plural(openSuggestions, 'open suggestion')} {openSuggestions === 1 ? 'is' : 'are'} waiting
            </strong>{' '}
            for a decision. Suggestions are never part of a version: accept the ones you want in it before
            publishing.
          </p>
        )}
        <fieldset className="bump-choices">
          <legend className="field-label">What kind of change is this?</legend>
          {BUMPS.map((option) => {
            const number = latest === undefined ? '…' : formatSemver(bumpSemver(parsedLatest, option.bump))
            return (
              <label key={option.bump} className="bump-choice" data-testid={`bump-${option.bump}`}>
                <input
                  type="radio"
                  name="bump"
                  value={option.bump}
                  checked={bump === option.bump}
                  onChange={() => {
                    touched.current = true
                    setBump(option.bump)
                  }}
                />
                <span className="bump-choice__text">
                  <span className="bump-choice__title">
                    {option.title} <span className="bump-choice__number">→ {number}</span>
                    {suggestion?.bump === option.bump && (
                      <span className="bump-choice__suggested" data-testid="bump-suggested">
                        suggested
                      </span>
                    )}
                  </span>
                  <span className="bump-choice__guide">{option.guide}</span>
                </span>
              </label>
            )
          })}
        </fieldset>
        <label className="field">
          <span className="field-label">Changelog (required)</span>
          <textarea
            className="text-input publish-dialog__changelog"
            data-testid="publish-changelog"
            rows={3}
            maxLength={5000}
            placeholder="What changed, in a sentence or two — annotators read this."
            value={changelog}
            onChange={(event) => setChangelog(event.target.value)}
          />
        </label>
        {shown.length > 0 && (
          <div className="publish-problems" role="alert" data-testid="publish-problems">
            <p className="publish-problems__title">
              {refused.length > 0
                ? 'The server refused to publish. Fix these in the rubric first:'
                : `Fix ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the rubric before publishing:`}
            </p>
            <ul>
              {shown.slice(0, 8).map((problem) => (
                <li key={`${problem.code}:${problem.criterionId ?? ''}:${problem.exampleId ?? ''}`}>
                  {problem.message}
                </li>
              ))}
              {shown.length > 8 && <li>…and {shown.length - 8} more.</li>}
            </ul>
          </div>
        )}
        {error && refused.length === 0 && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="publish-submit"
            disabled={!canPublish}
            title={errors.length > 0 ? `${errors.length} problems block publishing` : undefined}
          >
            {pending ? 'Publishing…' : next ? `Publish ${next}` : 'Publish'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
