/**
 * React hook owning a project's comments: opens the comments document once `enabled`, re-reads the threads
 * whenever it changes (locally, from peers, or from this device's offline copy), lists the people who can
 * be @mentioned, counts the mentions of the signed-in user they have not opened yet (in threads and in
 * suggestions' replies), and tells when the server closed the connection for good.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { Person, ThreadView } from '../../shared/schema/comments'
import { readThreads } from '../../shared/ydoc/commentsDoc'
import { unseenReviewMentions } from '../../shared/ydoc/reviewMentions'
import { listCommentPeople } from '../api/comments'
import type { ConnectionClose } from '../sync/draftConnection'
import { type CommentsConnection, createCommentsConnection } from './commentsConnection'

export interface CommentsData {
  connection: CommentsConnection
  threads: ThreadView[]
  people: Person[]
  /** Ids of comments mentioning me that I have not opened (thread comments and suggestion replies). */
  unseen: string[]
  /** Set once the server closed the connection for good (e.g. 4403): nothing written here is sent any more. */
  closed: ConnectionClose | null
}

const versions = new WeakMap<CommentsConnection, number>()

export function useComments(projectId: string, userId: string, enabled: boolean): CommentsData | null {
  const [connection, setConnection] = useState<CommentsConnection | null>(null)
  const [people, setPeople] = useState<Person[]>([])
  const [closed, setClosed] = useState<ConnectionClose | null>(null)

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
    if (!connection) return
    // Registered after the connection's own listener, which records the close this reads.
    const onClosed = () => setClosed(connection.closed())
    onClosed()
    connection.provider.on('closed', onClosed)
    return () => {
      connection.provider.off('closed', onClosed)
      setClosed(null)
    }
  }, [connection])

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
    return { connection, threads, people, unseen, closed }
  }, [connection, people, userId, version, closed])
}
