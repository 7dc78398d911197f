/** The application shell: picks the view for the current path; the editor is loaded on demand. */
import { lazy, Suspense } from 'react'
import ProjectListPage from '../projects/ProjectListPage'
import { MessagePage } from '../ui/MessagePage'
import { ErrorBoundary } from './ErrorBoundary'
import { useRoute } from './router'

const EditorPage = lazy(() => import('../editor/EditorPage'))

function PageLoading() {
  return (
    <div className="editor-loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" /> Loading…
    </div>
  )
}

export function App() {
  const route = useRoute()
  return (
    <ErrorBoundary>
      {route.name === 'projects' && <ProjectListPage />}
      {route.name === 'editor' && (
        <Suspense fallback={<PageLoading />}>
          <EditorPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )}
      {route.name === 'notFound' && (
        <MessagePage title="Page not found" testId="page-not-found">
          <p>There is nothing at this address.</p>
        </MessagePage>
      )}
    </ErrorBoundary>
  )
}
