/**
 * Helpers for suggestion tests: a suggestion on words of a guideline paragraph or of a rubric text, written
 * through a real client of the comments document, and waiting until the server has stored it.
 */
import type * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { Person } from '../../shared/schema/comments'
import type { SuggestionTarget } from '../../shared/schema/suggestions'
import { newYId } from '../../shared/ydoc/ids'
import { createSuggestionRange } from '../../shared/ydoc/suggestionAnchors'
import { createSuggestion, readSuggestions } from '../../shared/ydoc/suggestionsDoc'
import type { TestUser } from './accounts'
import { connectClient, waitFor, waitForSynced } from './clients'
import { textNodeWith } from './comments'

/**
 * Suggests replacing the first `words` of `text` (a Y.Text or a guideline paragraph's Y.XmlText, in the
 * suggester's replica of the draft) by `replacement`, in `comments`; returns the suggestion's id.
 */
export function suggestIn(
  comments: Y.Doc,
  text: Y.Text,
  target: SuggestionTarget,
  words: string,
  replacement: string,
  author: Person,
): string {
  const plain = text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
  const from = plain.indexOf(words)
  if (from < 0) throw new Error(`"${words}" is not in the text`)
  const id = newYId()
  createSuggestion(comments, {
    id,
    author,
    target,
    label: target.kind,
    range: createSuggestionRange(text, from, from + words.length),
    original: words,
    replacement,
    at: new Date().toISOString(),
  })
  return id
}

/** Suggests replacing `words` in the guideline paragraph holding them. */
export function suggestInGuideline(
  draft: Y.Doc,
  comments: Y.Doc,
  words: string,
  replacement: string,
  author: Person,
): string {
  return suggestIn(comments, textNodeWith(draft, words), { kind: 'guideline' }, words, replacement, author)
}

/** Waits until a fresh client of the comments document (as `user`) sees suggestion `id` with `status`. */
export async function suggestionIsDurable(
  baseUrl: string,
  project: string,
  user: TestUser,
  id: string,
  status = 'open',
): Promise<void> {
  await waitFor(
    async () => {
      const check = connectClient(baseUrl, commentsDocName(project), { user })
      try {
        await waitForSynced(check)
        return readSuggestions(check.doc).some((s) => s.id === id && s.status === status)
      } finally {
        check.destroy()
      }
    },
    { message: `suggestion ${id} ${status} on the server` },
  )
}
