/**
 * A suggested change as text: the replaced words struck through, the suggested words underlined, both in the
 * author's colour. An outdated suggestion shows what it was suggested on and what the text says now.
 */
import type { SuggestionView } from '../../shared/schema/suggestions'

export function SuggestionDiff({ suggestion, color }: { suggestion: SuggestionView; color: string }) {
  return (
    <p className="suggestion-diff" data-testid="suggestion-diff">
      {suggestion.original && (
        <del className="suggestion-diff__deleted" style={{ color }} data-testid="suggestion-deleted">
          {suggestion.original}
        </del>
      )}
      {suggestion.original && suggestion.replacement && ' '}
      {suggestion.replacement && (
        <ins
          className="suggestion-diff__inserted"
          style={{ color, textDecorationColor: color }}
          data-testid="suggestion-inserted"
        >
          {suggestion.replacement}
        </ins>
      )}
      {!suggestion.original && !suggestion.replacement && <span className="muted">(no change)</span>}
    </p>
  )
}

/** Both versions of an outdated suggestion: what it was suggested on, and the anchored text now. */
export function OutdatedVersions({ original, current }: { original: string; current: string | null }) {
  return (
    <div className="suggestion-outdated" data-testid="suggestion-outdated">
      <p className="suggestion-outdated__title">Outdated — the text changed</p>
      <dl className="suggestion-outdated__versions">
        <dt>Suggested on</dt>
        <dd data-testid="suggestion-outdated-original">
          {original ? `“${original}”` : '(an insertion point)'}
        </dd>
        <dt>Now</dt>
        <dd data-testid="suggestion-outdated-current">
          {current === null ? 'The text was deleted.' : `“${current}”`}
        </dd>
      </dl>
    </div>
  )
}
