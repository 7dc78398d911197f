/**
 * A suggested change as text: the replaced words struck through, the suggested words underlined, both in the
 * author's colour. An outdated suggestion shows what it was suggested on and what the text says now.
 */
import type { SuggestionView } from '../../shared/schema/suggestions'

/** "Replace", "Add" or "Delete", as Google Docs names a suggestion. */
export function changeVerb(suggestion: SuggestionView): string {
  if (!suggestion.original) return 'Add'
  return suggestion.replacement ? 'Replace' : 'Delete'
}

export function SuggestionDiff(props: {
  suggestion: SuggestionView
  color: string
  /** Words either side, shown faint (current suggestions only). */
  context?: { before: string; after: string } | null
}) {
  const { suggestion, color, context } = props
  return (
    <p className="suggestion-diff" data-testid="suggestion-diff">
      <span className="suggestion-diff__verb">{changeVerb(suggestion)}</span>{' '}
      {context?.before && <span className="suggestion-diff__context">{context.before}</span>}
      {suggestion.original && (
        <del className="suggestion-diff__deleted" style={{ color }} data-testid="suggestion-deleted">
          {suggestion.original}
        </del>
      )}
      {suggestion.original && suggestion.replacement && <span className="suggestion-diff__gap" />}
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
      {context?.after && <span className="suggestion-diff__context">{context.after}</span>}
    </p>
  )
}

/** Both versions of an outdated suggestion — what it was suggested on and the anchored text now — and what it suggested. */
export function OutdatedVersions(props: { original: string; replacement: string; current: string | null }) {
  const { original, replacement, current } = props
  return (
    <div className="suggestion-outdated" data-testid="suggestion-outdated">
      <p className="suggestion-outdated__title">Outdated — the text changed</p>
      <dl className="suggestion-outdated__versions">
        <dt>Text then</dt>
        <dd data-testid="suggestion-outdated-original">
          {original ? `“${original}”` : '(an insertion point)'}
        </dd>
        <dt>Text now</dt>
        <dd data-testid="suggestion-outdated-current">
          {current === null ? 'The text was deleted.' : `“${current}”`}
        </dd>
        <dt>Suggestion</dt>
        <dd data-testid="suggestion-outdated-replacement">
          {replacement ? `“${replacement}”` : '(delete the text)'}
        </dd>
      </dl>
    </div>
  )
}
