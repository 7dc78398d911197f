/** The example block's view inside an error boundary, so one broken example never breaks the editor. */
import type { ReactNodeViewProps } from '@tiptap/react'
import { PanelErrorBoundary } from '../rubric/PanelErrorBoundary'
import { ExampleNodeView } from './ExampleNodeView'

export function SafeExampleNodeView(props: ReactNodeViewProps) {
  return (
    <PanelErrorBoundary what="calibration example">
      <ExampleNodeView {...props} />
    </PanelErrorBoundary>
  )
}
