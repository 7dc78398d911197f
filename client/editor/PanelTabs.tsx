/**
 * The tabs above the right-hand panel: the rubric, the comment threads with their counts and my mentions, or
 * the suggested edits with the number still open and my mentions in their replies.
 */

export type PanelChoice = 'rubric' | 'comments' | 'suggestions' | 'closed'

interface PanelTabsProps {
  panel: PanelChoice
  onChoose(choice: PanelChoice): void
  /** Open threads (null while comments are unavailable: the tab is not shown). */
  openThreads: number | null
  /** Mentions of me in threads I have not opened yet. */
  mentions: number
  /** Suggestions still waiting for a decision. */
  openSuggestions: number
  /** Mentions of me in suggestions' replies I have not opened yet. */
  suggestionMentions: number
}

export function PanelTabs(props: PanelTabsProps) {
  const { panel, onChoose, openThreads, mentions, openSuggestions, suggestionMentions } = props
  if (openThreads === null) return null
  return (
    <div className="panel-tabs" role="tablist" aria-label="Side panel">
      <button
        type="button"
        role="tab"
        aria-selected={panel === 'rubric'}
        className={`panel-tabs__tab${panel === 'rubric' ? ' panel-tabs__tab--active' : ''}`}
        data-testid="panel-tab-rubric"
        onClick={() => onChoose('rubric')}
      >
        Rubric
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={panel === 'comments'}
        className={`panel-tabs__tab${panel === 'comments' ? ' panel-tabs__tab--active' : ''}`}
        data-testid="panel-tab-comments"
        onClick={() => onChoose('comments')}
      >
        Comments
        {openThreads > 0 && <span className="panel-tabs__count">{openThreads}</span>}
        {mentions > 0 && (
          <span className="mention-badge" data-testid="mention-badge" title="Mentions of you not yet read">
            @{mentions}
          </span>
        )}
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={panel === 'suggestions'}
        className={`panel-tabs__tab${panel === 'suggestions' ? ' panel-tabs__tab--active' : ''}`}
        data-testid="panel-tab-suggestions"
        onClick={() => onChoose('suggestions')}
      >
        Suggestions
        {openSuggestions > 0 && (
          <span className="panel-tabs__count" data-testid="suggestions-count">
            {openSuggestions}
          </span>
        )}
        {suggestionMentions > 0 && (
          <span
            className="mention-badge"
            data-testid="suggestion-mention-badge"
            title="Mentions of you not yet read"
          >
            @{suggestionMentions}
          </span>
        )}
      </button>
      {(panel === 'comments' || panel === 'suggestions') && (
        <button
          type="button"
          className="icon-button panel-tabs__close"
          aria-label="Hide the panel"
          onClick={() => onChoose('closed')}
        >
          ×
        </button>
      )}
    </div>
  )
}
