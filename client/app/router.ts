/**
 * A pathname router without dependencies: the project list, a project's editor and members page, the account
 * page, and the public sign-in, setup and invite pages. `navigate` pushes history state; `useRoute` re-renders
 * on navigation and on back/forward.
 */
import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'projects' }
  | { name: 'editor'; projectId: string }
  | { name: 'members'; projectId: string }
  | { name: 'versions'; projectId: string }
  | { name: 'version'; projectId: string; version: string }
  | { name: 'diff'; projectId: string }
  | { name: 'calibration'; projectId: string }
  | { name: 'results'; projectId: string }
  | { name: 'account' }
  | { name: 'signin' }
  | { name: 'setup' }
  | { name: 'invite' }
  | { name: 'notFound' }

/** Routes anyone may open without a session. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set(['signin', 'setup', 'invite'])

const NAVIGATE_EVENT = 'yardstick:navigate'

const STATIC: Record<string, Route> = {
  '/': { name: 'projects' },
  '': { name: 'projects' },
  '/account': { name: 'account' },
  '/signin': { name: 'signin' },
  '/setup': { name: 'setup' },
  '/invite': { name: 'invite' },
}

export function matchRoute(pathname: string): Route {
  const known = STATIC[pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname]
  if (known) return known
  const versions = matchVersionRoute(pathname)
  if (versions) return versions
  const calibration = matchCalibrationRoute(pathname)
  if (calibration) return calibration
  const project = /^\/projects\/([^/]+)(\/members)?\/?$/.exec(pathname)
  if (project?.[1]) {
    try {
      const projectId = decodeURIComponent(project[1])
      return project[2] ? { name: 'members', projectId } : { name: 'editor', projectId }
    } catch {
      return { name: 'notFound' }
    }
  }
  return { name: 'notFound' }
}

/** `/projects/:id/versions`, `/projects/:id/versions/:version` and `/projects/:id/diff`. */
function matchVersionRoute(pathname: string): Route | null {
  const match = /^\/projects\/([^/]+)\/(versions|diff)(?:\/([^/]+))?\/?$/.exec(pathname)
  if (!match?.[1] || (match[2] === 'diff' && match[3])) return null
  try {
    const projectId = decodeURIComponent(match[1])
    if (match[2] === 'diff') return { name: 'diff', projectId }
    if (match[3]) return { name: 'version', projectId, version: decodeURIComponent(match[3]) }
    return { name: 'versions', projectId }
  } catch {
    return { name: 'notFound' }
  }
}

/** `/projects/:id/calibration` (take calibration) and `/projects/:id/results` (the leads' dashboard). */
function matchCalibrationRoute(pathname: string): Route | null {
  const match = /^\/projects\/([^/]+)\/(calibration|results)\/?$/.exec(pathname)
  if (!match?.[1]) return null
  try {
    const projectId = decodeURIComponent(match[1])
    return match[2] === 'results' ? { name: 'results', projectId } : { name: 'calibration', projectId }
  } catch {
    return { name: 'notFound' }
  }
}

export function calibrationPath(projectId: string): string {
  return `${projectPath(projectId)}/calibration`
}

export function resultsPath(projectId: string): string {
  return `${projectPath(projectId)}/results`
}

export function versionsPath(projectId: string): string {
  return `${projectPath(projectId)}/versions`
}

export function versionPath(projectId: string, version: string): string {
  return `${versionsPath(projectId)}/${encodeURIComponent(version)}`
}

/** The diff view; `to` is a version number or `draft`. */
export function diffPath(projectId: string, from: string, to: string): string {
  return `${projectPath(projectId)}/diff?${new URLSearchParams({ from, to })}`
}

export function projectPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}`
}

export function membersPath(projectId: string): string {
  return `${projectPath(projectId)}/members`
}

/** Where the user is now, fragment included (invite and setup links carry their token there). */
export function currentLocation(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`
}

export function navigate(path: string, { replace = false } = {}): void {
  if (path === currentLocation()) return
  if (replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  window.scrollTo(0, 0)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener('hashchange', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener('hashchange', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

function currentPathname(): string {
  return window.location.pathname
}

export function useRoute(): Route {
  return matchRoute(useSyncExternalStore(subscribe, currentPathname))
}

/** The URL fragment (setup and invite tokens live there); changes when another link is opened in place. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash)
}
