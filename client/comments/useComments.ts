/**
 * React hook owning a project's comments: opens the comments document once `enabled`, re-reads the threads
 * whenever it changes (locally, from peers, or from this device's offline copy), lists the people who can
 * be @mentioned, and counts the mentions of the signed-in user they have not opened yet (in threads and in
 * suggestions' replies).
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { Person, ThreadView } from '../../shared/schema/comments'
import { readThreads } from '../../shared/ydoc/commentsDoc'
import { unseenReviewMentions } from '../../shared/ydoc/reviewMentions'
import { listCommentPeople } from '../api/comments'
import { type CommentsConnection, createCommentsConnection } from './commentsConnection'

export interface CommentsData {
  connection: CommentsConnection
  threads: ThreadView[]
  people: Person[]
  /** Ids of comments mentioning me that I have not opened (thread comments and suggestion replies). */
  unseen: string[]
}

const versions = new WeakMap<CommentsConnection, number>()

export function useComments(projectId: string, userId: string, enabled: boolean): CommentsData | null {
  const [connection, setConnection] = useState<CommentsConnection | null>(null)
  const [people, setPeople] = useState<Person[]>([])

  useEffect(() => {
    if (!enabled) return
    const created = createCommentsConnection(projectId, userId)
    setConnection(created)
    return () => {
      setConnection(null)
      created.destroy()
    }
  }, [projectId, userId, enabled])

  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    listCommentPeople(projectId, controller.signal).then(setPeople, () => {
      // Offline or refused: mentions just offer nobody until the list loads.
    })
    return () => controller.abort()
  }, [projectId, enabled])

  const version = useSyncExternalStore(
    (listener) => {
      if (!connection) return () => {}
      const onUpdate = () => {
        versions.set(connection, (versions.get(connection) ?? 0) + 1)
        listener()
      }
      connection.doc.on('update', onUpdate)
      return () => connection.doc.off('update', onUpdate)
    },
    () => (connection ? (versions.get(connection) ?? 0) : -1),
  )

  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the document's content
  return useMemo(() => {
    if (!connection) return null
    const threads = readThreads(connection.doc)
    const unseen = unseenReviewMentions(connection.doc, threads, userId)
    return { connection, threads, people, unseen }
  }, [connection, people, userId, version])
}
