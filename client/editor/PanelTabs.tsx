/** The tabs above the right-hand panel: the rubric, or the comment threads with their counts and my mentions. */

export type PanelChoice = 'rubric' | 'comments' | 'closed'

interface PanelTabsProps {
  panel: PanelChoice
  onChoose(choice: PanelChoice): void
  /** Open threads (null while comments are unavailable: the tab is not shown). */
  openThreads: number | null
  /** Mentions of me I have not opened yet. */
  mentions: number
}

export function PanelTabs({ panel, onChoose, openThreads, mentions }: PanelTabsProps) {
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
      {panel === 'comments' && (
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
