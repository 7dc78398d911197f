/**
 * The route `/projects/:id`: loads the project and your role, then opens the live draft for those who may read
 * it (editable for owners and leads; reviewers only suggest — their draft socket stays read-only — while the
 * editor writes their suggestions into the comments document) or explains to annotators where published
 * versions will be. Ended sessions go to sign in; removed access and unknown projects get their own page.
 */
import { useEffect, useRef, useState } from 'react'
import { can } from '../../shared/auth/permissions'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { SessionEndReason, sessionEnded, useUser } from '../auth/session'
import { useComments } from '../comments/useComments'
import { useDraftConnection } from '../sync/useDraftConnection'
import { usePresence } from '../sync/usePresence'
import { MessagePage } from '../ui/MessagePage'
import { PageLoading } from '../ui/PageLoading'
import { ConnectionNotice } from './ConnectionNotice'
import { DraftUnavailable } from './DraftUnavailable'
import { EditorHeader } from './EditorHeader'
import { EditorNotices } from './EditorNotices'
import { GuidelineEditor } from './GuidelineEditor'
import { useEditorNotices } from './useEditorNotices'
import { useProject } from './useProject'

export default function EditorPage({ projectId }: { projectId: string }) {
  const user = useUser()
  const project = useProject(projectId)
  const ready = project.state.status === 'ready' ? project.state.project : null
  const role = ready?.role ?? null
  // Offline, the role cannot be asked for: open this device's copy; the server decides once we're back.
  const offline = project.state.status === 'error' && project.state.offline
  const mayRead = role ? can(role, 'draft.read') : offline
  const readOnly = role !== null && !can(role, 'draft.write')
  const { connection, state } = useDraftConnection(projectId, { userId: user.id, enabled: mayRead, readOnly })
  const peers = usePresence(connection?.provider ?? null)
  // Comments are a separate document; annotators never open it (the server would refuse it anyway).
  const mayComment = role ? can(role, 'draft.comment') : offline
  const comments = useComments(projectId, user.id, mayComment)
  const closeCode = state.closed?.code
  const closeReason = state.closed?.reason
  const notFound = project.state.status === 'notFound' || closeCode === CloseCode.unknownDocument
  const { refresh } = project
  const { notices, dismiss } = useEditorNotices(projectId, role !== null, `${role}:${state.connections}`)
  // Remembered: once the project reloads as "not found" the connection (and its close reason) is gone.
  const [removed, setRemoved] = useState(false)
  if (state.closed?.reason === CloseReason.accessRevoked && !removed) setRemoved(true)

  useEffect(() => {
    document.title = notFound ? 'Not found — Yardstick' : `${ready?.name ?? 'Guideline'} — Yardstick`
  }, [ready?.name, notFound])

  // The socket says the session ended: sign in again and come back here.
  useEffect(() => {
    if (closeCode === CloseCode.unauthenticated) {
      sessionEnded(
        closeReason === CloseReason.sessionEnded
          ? SessionEndReason.signedOutElsewhere
          : SessionEndReason.expired,
      )
    }
  }, [closeCode, closeReason])

  // Refused, reconnected after a pause, or connected after opening offline: ask again for the project and
  // our role (it may have changed meanwhile).
  const projectReady = useRef(false)
  projectReady.current = ready !== null
  useEffect(() => {
    if (closeCode === CloseCode.forbidden) refresh()
  }, [closeCode, refresh])
  useEffect(() => {
    if (state.connections > 1 || (state.connections === 1 && !projectReady.current)) refresh()
  }, [state.connections, refresh])

  if (notFound) {
    return (
      <MessagePage
        title={removed ? 'You no longer have access to this project' : 'This project does not exist'}
        testId="project-not-found"
      >
        <p>
          {removed
            ? 'Your access to this project was removed by an owner. Ask them for a new invite link if this was a mistake.'
            : 'It may have been deleted, you may not be a member, or the link you followed is wrong.'}
        </p>
      </MessagePage>
    )
  }
  if (project.state.status === 'error' && !project.state.offline) {
    return (
      <MessagePage
        title="This project could not be loaded"
        testId="project-error"
        action={
          <button type="button" className="button button--primary" onClick={refresh}>
            Try again
          </button>
        }
      >
        <p>{project.state.message}</p>
      </MessagePage>
    )
  }

  const header = (
    <EditorHeader
      projectId={projectId}
      project={project.state}
      role={role}
      onRename={project.rename}
      sync={mayRead ? { status: state.status, refused: state.closed !== null, peers } : null}
      draftDoc={connection && state.ready ? connection.doc : null}
    />
  )
  const noticeList = <EditorNotices projectId={projectId} notices={notices} onDismiss={dismiss} />
  if (role && !mayRead) {
    return (
      <div className="page page--editor">
        {header}
        {noticeList}
        <DraftUnavailable role={role} projectName={ready?.name ?? null} />
      </div>
    )
  }
  return (
    <div className="page page--editor">
      {header}
      <ConnectionNotice state={state} onReconnect={() => connection?.reconnect()} />
      {noticeList}
      {connection && state.ready ? (
        <GuidelineEditor
          connection={connection}
          user={{ id: user.id, name: user.name, color: user.color }}
          editable={!readOnly}
          comments={comments}
        />
      ) : (
        <PageLoading label="Opening the guideline…" testId="editor-loading" />
      )}
    </div>
  )
}
