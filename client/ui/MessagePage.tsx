/** A centred full-page message (not found, no access, used links) with one way forward, by default the project list. */
import type { ReactNode } from 'react'
import { Link } from '../app/Link'

interface MessagePageProps {
  title: string
  children: ReactNode
  testId?: string
  /** Replaces the default "Back to projects" button. */
  action?: ReactNode
}

export function MessagePage({ title, children, testId, action }: MessagePageProps) {
  return (
    <main className="message-page" data-testid={testId}>
      <div className="message-page__card">
        <h1>{title}</h1>
        <div className="muted">{children}</div>
        {action ?? (
          <Link href="/" className="button button--primary">
            Back to projects
          </Link>
        )}
      </div>
    </main>
  )
}
