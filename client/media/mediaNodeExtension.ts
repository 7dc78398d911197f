/**
 * The client side of the guideline media block: the shared node (shared/guideline/mediaNode.ts) with its
 * React view. Events inside the view's own fields stay there (the editor neither handles nor selects them).
 */
import { ReactNodeViewRenderer } from '@tiptap/react'
import { MediaNode } from '../../shared/guideline/mediaNode'
import { MediaNodeView } from './MediaNodeView'

export const MediaNodeWithView = MediaNode.extend({
  addNodeView() {
    return ReactNodeViewRenderer(MediaNodeView, {
      stopEvent: ({ event }) => {
        const target = event.target instanceof Element ? event.target : null
        return !!target?.closest('input, button, video, audio, .media-block__fields')
      },
    })
  },
})
