/**
 * A pathname router without dependencies: `/` is the project list, `/projects/:id` a project's editor.
 * `navigate` pushes history state; `useRoute` re-renders on navigation and on back/forward.
 */
import { useSyncExternalStore } from 'react'

export type Route = { name: 'projects' } | { name: 'editor'; projectId: string } | { name: 'notFound' }

const NAVIGATE_EVENT = 'yardstick:navigate'

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'projects' }
  const editor = /^\/projects\/([^/]+)\/?$/.exec(pathname)
  if (editor?.[1]) {
    try {
      return { name: 'editor', projectId: decodeURIComponent(editor[1]) }
    } catch {
      return { name: 'notFound' }
    }
  }
  return { name: 'notFound' }
}

export function projectPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}`
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  window.scrollTo(0, 0)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

function currentPathname(): string {
  return window.location.pathname
}

export function useRoute(): Route {
  return matchRoute(useSyncExternalStore(subscribe, currentPathname))
}
