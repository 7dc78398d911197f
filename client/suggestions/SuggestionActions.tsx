/**
 * Accept ✓ / Reject ✗ for owners and leads and Withdraw for the author of an open suggestion, with the
 * server's sentence when a decision was refused (someone decided first, the author withdrew, the text changed).
 * An outdated suggestion offers no Accept.
 */
import { useState } from 'react'
import type { SuggestionDecision, SuggestionView } from '../../shared/schema/suggestions'
import { type DecideOutcome, decideOne, withdrawOwn } from './decide'
import type { SuggestionsUi } from './suggestionsUiContext'

export function SuggestionActions(props: {
  ui: SuggestionsUi
  suggestion: SuggestionView
  outdated: boolean
}) {
  const { ui, suggestion, outdated } = props
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const mine = suggestion.author.id === ui.me.id
  if (suggestion.status !== 'open' || (!ui.mayDecide && !mine))
    // A decision that went through but could not be applied still says so once the card collapses.
    return error ? (
      <p className="suggestion-actions__error" role="alert" data-testid="suggestion-error">
        {error}
      </p>
    ) : null

  const run = async (action: () => Promise<DecideOutcome>) => {
    setBusy(true)
    setError(null)
    const outcome = await action()
    setBusy(false)
    if (!outcome.ok) setError(outcome.message)
  }
  const decide = (decision: SuggestionDecision) => run(() => decideOne(ui, suggestion, decision))

  return (
    <div className="suggestion-actions">
      <div className="suggestion-actions__buttons">
        {ui.mayDecide && !outdated && (
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="suggestion-accept"
            disabled={busy}
            aria-label={`Accept the suggestion by ${suggestion.author.name}`}
            onClick={(event) => {
              event.stopPropagation()
              void decide('accept')
            }}
          >
            ✓ Accept
          </button>
        )}
        {ui.mayDecide && (
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="suggestion-reject"
            disabled={busy}
            aria-label={`Reject the suggestion by ${suggestion.author.name}`}
            onClick={(event) => {
              event.stopPropagation()
              void decide('reject')
            }}
          >
            ✗ Reject
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="link-button link-button--danger"
            data-testid="suggestion-withdraw"
            disabled={busy}
            onClick={(event) => {
              event.stopPropagation()
              void run(() => withdrawOwn(ui, suggestion))
            }}
          >
            Withdraw
          </button>
        )}
      </div>
      {error && (
        <p className="suggestion-actions__error" role="alert" data-testid="suggestion-error">
          {error}
        </p>
      )}
    </div>
  )
}
