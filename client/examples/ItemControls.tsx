/** Move up / move down / remove buttons for one turn or step of an example (leads only). */
import { TrashIcon } from '../rubric/TrashIcon'

interface ItemControlsProps {
  /** "turn 2", "step 3": used in the buttons' accessible names. */
  name: string
  index: number
  count: number
  onMove: (to: number) => void
  onRemove: () => void
}

export function ItemControls({ name, index, count, onMove, onRemove }: ItemControlsProps) {
  return (
    <span className="item-controls">
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button icon-button--danger"
        aria-label={`Remove ${name}`}
        title="Remove"
        data-testid="item-remove"
        onClick={onRemove}
      >
        <TrashIcon />
      </button>
    </span>
  )
}
