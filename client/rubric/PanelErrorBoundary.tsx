/** Keeps a crash in the rubric panel or one example block from taking the whole editor down. */
import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  what: string
  children: ReactNode
}

export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Yardstick ${this.props.what} crashed`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          The {this.props.what} could not be shown. Your edits are kept; the rest of the draft still works.
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    )
  }
}
