/** A centred full-page message (not found, no access) with a way back to the project list. */
import type { ReactNode } from 'react'
import { Link } from '../app/Link'

interface MessagePageProps {
  title: string
  children: ReactNode
  testId?: string
}

export function MessagePage({ title, children, testId }: MessagePageProps) {
  return (
    <main className="message-page" data-testid={testId}>
      <div className="message-page__card">
        <h1>{title}</h1>
        <div className="muted">{children}</div>
        <Link href="/" className="button button--primary">
          Back to projects
        </Link>
      </div>
    </main>
  )
}
