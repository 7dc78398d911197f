/**
 * The mentions of one person they have not opened yet, across everything in the comments document people
 * discuss: comment threads and the replies under suggested edits (kept apart from commentsDoc.ts, which
 * suggestionsDoc.ts builds on).
 */
import type * as Y from 'yjs'
import type { ThreadView } from '../schema/comments'
import { unseenMentions } from './commentsDoc'
import { readSuggestions } from './suggestionsDoc'

/** Ids of comments in `threads` and in the document's suggestions mentioning `userId`, not yet seen by them. */
export function unseenReviewMentions(doc: Y.Doc, threads: readonly ThreadView[], userId: string): string[] {
  return unseenMentions(doc, [...threads, ...readSuggestions(doc)], userId)
}
