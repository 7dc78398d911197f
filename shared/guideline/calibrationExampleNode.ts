/**
 * The guideline node that embeds a calibration example: an atom block whose only attribute names the
 * example in the draft's examples map. Its view (content, gold widgets, rationale) is attached by the editor.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE } from '../ydoc/layout'

export const CalibrationExampleNode = Node.create({
  name: EXAMPLE_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      [EXAMPLE_ID_ATTR]: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-example-id'),
        renderHTML: (attributes) => ({ 'data-example-id': attributes[EXAMPLE_ID_ATTR] }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'div[data-calibration-example]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'div',
      mergeAttributes({ 'data-calibration-example': '', class: 'calibration-example-block' }, HTMLAttributes),
      'Calibration example',
    ]
  },
})
