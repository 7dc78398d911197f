/**
 * The application shell: public pages (sign in, setup, invite) for anyone; every other page only once the
 * session is known, sending signed-out visitors to sign in and back afterwards. The editor loads on demand.
 */
import { lazy, Suspense, useEffect } from 'react'
import AccountPage from '../account/AccountPage'
import { rememberReturn } from '../auth/returnTo'
import SetupPage from '../auth/SetupPage'
import SignInPage from '../auth/SignInPage'
import { loadSession, useSession } from '../auth/session'
import InvitePage from '../invites/InvitePage'
import MembersPage from '../members/MembersPage'
import ProjectListPage from '../projects/ProjectListPage'
import { MessagePage } from '../ui/MessagePage'
import { PageLoading } from '../ui/PageLoading'
import { ErrorBoundary } from './ErrorBoundary'
import { currentLocation, navigate, type Route, useHash, useRoute } from './router'

const EditorPage = lazy(() => import('../editor/EditorPage'))
const VersionsPage = lazy(() => import('../versions/VersionsPage'))
const VersionPage = lazy(() => import('../versions/VersionPage'))
const DiffPage = lazy(() => import('../versions/DiffPage'))
const CalibrationPage = lazy(() => import('../calibration/CalibrationPage'))
const ResultsPage = lazy(() => import('../results/ResultsPage'))

function GoToSignIn() {
  useEffect(() => {
    rememberReturn(currentLocation())
    navigate('/signin', { replace: true })
  }, [])
  return <PageLoading />
}

function SignedInPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'projects':
      return <ProjectListPage />
    case 'editor':
      return (
        <Suspense fallback={<PageLoading />}>
          <EditorPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )
    case 'members':
      return <MembersPage key={route.projectId} projectId={route.projectId} />
    case 'versions':
      return (
        <Suspense fallback={<PageLoading />}>
          <VersionsPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )
    case 'version':
      return (
        <Suspense fallback={<PageLoading />}>
          <VersionPage
            key={`${route.projectId}@${route.version}`}
            projectId={route.projectId}
            version={route.version}
          />
        </Suspense>
      )
    case 'diff':
      return (
        <Suspense fallback={<PageLoading />}>
          <DiffPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )
    case 'calibration':
      return (
        <Suspense fallback={<PageLoading />}>
          <CalibrationPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )
    case 'results':
      return (
        <Suspense fallback={<PageLoading />}>
          <ResultsPage key={route.projectId} projectId={route.projectId} />
        </Suspense>
      )
    case 'account':
      return <AccountPage />
    default:
      return (
        <MessagePage title="Page not found" testId="page-not-found">
          <p>There is nothing at this address.</p>
        </MessagePage>
      )
  }
}

function Gate({ route }: { route: Route }) {
  const session = useSession()
  const hash = useHash()
  if (route.name === 'signin') return <SignInPage />
  // Keyed by the token, so opening another link in the same tab starts over.
  if (route.name === 'setup') return <SetupPage key={hash} />
  if (route.name === 'invite') return <InvitePage key={hash} />
  if (session.status === 'loading') return <PageLoading />
  if (session.status === 'signedOut') return <GoToSignIn />
  if (session.status === 'error') {
    return (
      <MessagePage
        title="Yardstick can’t reach the server"
        testId="session-error"
        action={
          <button type="button" className="button button--primary" onClick={loadSession}>
            Try again
          </button>
        }
      >
        <p>{session.message}</p>
      </MessagePage>
    )
  }
  return <SignedInPage route={route} />
}

export function App() {
  const route = useRoute()
  return (
    <ErrorBoundary>
      <Gate route={route} />
    </ErrorBoundary>
  )
}
