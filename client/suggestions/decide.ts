/**
 * Accepting and rejecting suggestions from the lead's client: check the anchored text still matches, ask the
 * server to record the decision (it answers 409 with a sentence when someone else decided first, the author
 * withdrew, or the text changed), then apply accepted ones to the draft as ONE undoable change per editor and
 * mark them decided in the comments document so everyone sees it live. Guideline suggestions go in with the
 * origin the guideline editor's collaboration undo manager tracks (Ctrl+Z in the guideline undoes them);
 * rubric and rationale suggestions with the draft-wide undo's origin (Ctrl+Z in the panel).
 */
import type { Editor } from '@tiptap/react'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import {
  type BatchDecisionResult,
  MAX_DECISIONS_PER_REQUEST,
  type SuggestionDecision,
  type SuggestionView,
} from '../../shared/schema/suggestions'
import { applySuggestion, resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { markDecided, withdrawSuggestion } from '../../shared/ydoc/suggestionsDoc'
import { errorMessage } from '../api/http'
import { decideSuggestion, decideSuggestions, withdrawOwnSuggestion } from '../api/suggestions'
import { LOCAL_ORIGIN, writeLocal } from '../sync/localOrigin'

export interface DecideHost {
  projectId: string
  draft: Y.Doc
  comments: Y.Doc
  me: Person
  /** The guideline editor, whose undo takes accepted guideline suggestions (null: none open). */
  editor: Editor | null
}

export type DecideOutcome = { ok: true } | { ok: false; message: string }

export const OUTDATED_MESSAGE = 'Outdated — the text changed since it was suggested.'
export const REPEATED_MESSAGE =
  'You had already accepted this (in another tab, or before a reload); it was not applied again — check the text.'

/** Whether the suggestion can still be applied as suggested. */
export function isCurrent(draft: Y.Doc, suggestion: SuggestionView): boolean {
  return resolveSuggestion(draft, suggestion).state === 'current'
}

function guidelineUndo(editor: Editor | null): Y.UndoManager | null {
  if (!editor || editor.isDestroyed) return null
  const state = yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined
  return state?.undoManager ?? null
}

/**
 * Applies accepted suggestions: the guideline ones in one transaction the guideline's undo manager tracks,
 * the others in one draft-wide undoable transaction. Returns the ids that could not be applied (outdated).
 */
export function applyAccepted(host: DecideHost, accepted: SuggestionView[]): string[] {
  const failed: string[] = []
  const guideline = accepted.filter((s) => s.target.kind === 'guideline')
  const fields = accepted.filter((s) => s.target.kind !== 'guideline')
  if (guideline.length > 0) {
    const undoManager = guidelineUndo(host.editor)
    undoManager?.stopCapturing()
    host.draft.transact(() => {
      for (const s of guideline) if (!applySuggestion(host.draft, s, ySyncPluginKey)) failed.push(s.id)
    }, ySyncPluginKey)
    undoManager?.stopCapturing()
  }
  if (fields.length > 0) {
    writeLocal(host.draft, () => {
      for (const s of fields) if (!applySuggestion(host.draft, s, LOCAL_ORIGIN)) failed.push(s.id)
    })
  }
  return failed
}

/** Accepts or rejects one suggestion (see the module comment for the order of steps). */
export async function decideOne(
  host: DecideHost,
  suggestion: SuggestionView,
  decision: SuggestionDecision,
): Promise<DecideOutcome> {
  if (decision === 'accept' && !isCurrent(host.draft, suggestion))
    return { ok: false, message: OUTDATED_MESSAGE }
  let decidedAt: string
  let repeated: boolean
  try {
    const seen = { original: suggestion.original, replacement: suggestion.replacement }
    const result = await decideSuggestion(host.projectId, suggestion.id, decision, seen)
    decidedAt = result.decidedAt
    repeated = result.repeated === true
  } catch (error) {
    return { ok: false, message: errorMessage(error) }
  }
  // Decided by me before (another tab, or an answer lost on the way): marked now, never applied twice.
  const failed = decision === 'accept' && !repeated ? applyAccepted(host, [suggestion]) : []
  markDecided(
    host.comments,
    suggestion.id,
    decision === 'accept' ? 'accepted' : 'rejected',
    host.me,
    decidedAt,
  )
  if (repeated && decision === 'accept') return { ok: false, message: REPEATED_MESSAGE }
  // The text changed between the check and the answer (a co-editor typed there): recorded, not applied.
  if (failed.length > 0)
    return { ok: false, message: 'Accepted, but the text changed meanwhile: apply the wording by hand.' }
  return { ok: true }
}

export interface BatchOutcome {
  decided: number
  /** One sentence per suggestion that was not decided, and why. */
  messages: string[]
}

/**
 * Accepts or rejects many (all of one person's, or all in one section) through the batch route; accepted
 * ones are applied together, so one undo takes them all back. Outdated ones are never sent for acceptance.
 */
export async function decideMany(
  host: DecideHost,
  suggestions: SuggestionView[],
  decision: SuggestionDecision,
): Promise<BatchOutcome> {
  const messages: string[] = []
  const sendable =
    decision === 'accept'
      ? suggestions.filter((s) => {
          if (isCurrent(host.draft, s)) return true
          messages.push(`“${s.original}” was not accepted: the text changed since it was suggested.`)
          return false
        })
      : suggestions
  if (sendable.length === 0) return { decided: 0, messages }
  // At most MAX_DECISIONS_PER_REQUEST a request; a later request failing keeps what earlier ones decided.
  const result: BatchDecisionResult = { decided: [], skipped: [] }
  for (let i = 0; i < sendable.length; i += MAX_DECISIONS_PER_REQUEST) {
    const ids = sendable.slice(i, i + MAX_DECISIONS_PER_REQUEST).map((s) => s.id)
    try {
      const part = await decideSuggestions(host.projectId, ids, decision)
      result.decided.push(...part.decided)
      result.skipped.push(...part.skipped)
    } catch (error) {
      messages.push(errorMessage(error))
      break
    }
  }
  for (const skipped of result.skipped) messages.push(skipped.message)
  const byId = new Map(sendable.map((s) => [s.id, s]))
  const decided = result.decided.flatMap((d) => {
    const s = byId.get(d.suggestionId)
    return s ? [{ suggestion: s, at: d.decidedAt, repeated: d.repeated === true }] : []
  })
  if (decision === 'accept') {
    for (const { suggestion, repeated } of decided)
      if (repeated) messages.push(`“${suggestion.original}”: ${REPEATED_MESSAGE}`)
    const failed = new Set(
      applyAccepted(
        host,
        decided.filter((d) => !d.repeated).map((d) => d.suggestion),
      ),
    )
    for (const { suggestion } of decided)
      if (failed.has(suggestion.id))
        messages.push(
          `“${suggestion.original}” could not be applied: an earlier suggestion changed its text.`,
        )
  }
  host.comments.transact(() => {
    for (const { suggestion, at } of decided)
      markDecided(host.comments, suggestion.id, decision === 'accept' ? 'accepted' : 'rejected', host.me, at)
  })
  return { decided: decided.length, messages }
}

/** The author takes their suggestion back: recorded by the server first, so it never crosses a decision. */
export async function withdrawOwn(
  host: Pick<DecideHost, 'projectId' | 'comments'>,
  suggestion: SuggestionView,
): Promise<DecideOutcome> {
  try {
    await withdrawOwnSuggestion(host.projectId, suggestion.id)
  } catch (error) {
    return { ok: false, message: errorMessage(error) }
  }
  withdrawSuggestion(host.comments, suggestion.id)
  return { ok: true }
}
