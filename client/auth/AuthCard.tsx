/** The centred card of the signed-out pages (sign in, setup, invite): the brand on top, one task below. */
import type { ReactNode } from 'react'

interface AuthCardProps {
  title: string
  subtitle?: ReactNode
  children: ReactNode
  testId: string
  wide?: boolean
}

export function AuthCard({ title, subtitle, children, testId, wide = false }: AuthCardProps) {
  return (
    <main className="auth-page" data-testid={testId}>
      <div className={`auth-card${wide ? ' auth-card--wide' : ''}`}>
        <div className="auth-card__brand">
          <span className="brand__mark" aria-hidden="true">
            Y
          </span>
          Yardstick
        </div>
        <h1 className="auth-card__title">{title}</h1>
        {subtitle && <div className="auth-card__subtitle">{subtitle}</div>}
        {children}
      </div>
    </main>
  )
}
