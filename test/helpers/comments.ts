/**
 * Helpers for comment tests: a user's live draft and comments documents, guideline paragraphs written through
 * real clients, and text anchors on words.
 */
import * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { Person } from '../../shared/schema/comments'
import { createTextAnchor, type TextAnchor } from '../../shared/ydoc/commentAnchors'
import { type NewComment, startThread } from '../../shared/ydoc/commentsDoc'
import { newYId } from '../../shared/ydoc/ids'
import { guidelineFragment } from '../../shared/ydoc/layout'
import type { TestUser } from './accounts'
import { connectClient, type TestClient, waitForSynced } from './clients'

export const person = (user: TestUser): Person => ({ id: user.id, name: user.name })

/** A user's pair of live documents: the draft and its comments. */
export interface Desk {
  draft: TestClient
  comments: TestClient
}

/** Opens `user`'s draft and comments documents of `project` and waits until both are synced. */
export async function openDesk(url: string, project: string, user: TestUser): Promise<Desk> {
  const desk = {
    draft: connectClient(url, project, { user }),
    comments: connectClient(url, commentsDocName(project), { user }),
  }
  await Promise.all([waitForSynced(desk.draft), waitForSynced(desk.comments)])
  return desk
}

/** Appends a paragraph with `text` to the guideline. */
export function addParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    guidelineFragment(doc).push([paragraph])
    const content = new Y.XmlText()
    paragraph.insert(0, [content])
    content.insert(0, text)
  })
}

/** The Y.XmlText of the guideline paragraph that contains `text`. */
export function textNodeWith(doc: Y.Doc, text: string): Y.XmlText {
  for (const node of guidelineFragment(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && child.toString().includes(text)) return child
    }
  }
  throw new Error(`no paragraph contains "${text}"`)
}

/** A text anchor on the first occurrence of `words` in the guideline. */
export function anchorOn(doc: Y.Doc, words: string): TextAnchor {
  const node = textNodeWith(doc, words)
  const index = node.toString().indexOf(words)
  return createTextAnchor({ type: node, index }, { type: node, index: index + words.length }, words)
}

export function comment(author: Person, body: string, mentions: string[] = []): NewComment {
  return { id: newYId(), author, body, mentions, at: new Date().toISOString() }
}

/** Starts a thread on `words` (anchored in `draft`, written to `comments`); returns its id. */
export function threadOn(draft: Y.Doc, comments: Y.Doc, words: string, author: Person, body: string): string {
  const id = newYId()
  startThread(comments, { id, anchor: anchorOn(draft, words), first: comment(author, body) })
  return id
}
