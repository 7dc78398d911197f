/**
 * The route `/projects/:id`: loads the project, opens its live draft, and shows the header, connection
 * notices and the editor — or a "does not exist" page when the server knows no such project.
 */
import { useEffect } from 'react'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { IdentityNudge } from '../identity/IdentityNudge'
import { useDraftConnection } from '../sync/useDraftConnection'
import { usePresence } from '../sync/usePresence'
import { MessagePage } from '../ui/MessagePage'
import { ConnectionNotice } from './ConnectionNotice'
import { EditorHeader } from './EditorHeader'
import { GuidelineEditor } from './GuidelineEditor'
import { useProject } from './useProject'

export default function EditorPage({ projectId }: { projectId: string }) {
  const project = useProject(projectId)
  const { connection, state } = useDraftConnection(projectId)
  const peers = usePresence(connection?.provider ?? null)
  const projectName = project.state.status === 'ready' ? project.state.project.name : null
  const notFound = project.state.status === 'notFound' || state.closed?.code === CloseCode.unknownDocument

  useEffect(() => {
    document.title = notFound ? 'Not found — Yardstick' : `${projectName ?? 'Guideline'} — Yardstick`
  }, [projectName, notFound])

  if (notFound) {
    return (
      <MessagePage title="This project does not exist" testId="project-not-found">
        <p>It may have been deleted, or the link you followed is wrong.</p>
      </MessagePage>
    )
  }

  return (
    <div className="page page--editor">
      <EditorHeader
        project={project.state}
        onRename={project.rename}
        status={state.status}
        refused={state.closed !== null}
        peers={peers}
      />
      <ConnectionNotice state={state} onReconnect={() => connection?.reconnect()} />
      <IdentityNudge />
      {connection && state.ready ? (
        <GuidelineEditor connection={connection} />
      ) : (
        <div className="editor-loading" data-testid="editor-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Opening the guideline…
        </div>
      )}
    </div>
  )
}
