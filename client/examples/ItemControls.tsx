/** Move up / move down / remove buttons for one item of an ordered list (a turn, a step, a criterion; leads only). */
import { TrashIcon } from '../rubric/TrashIcon'

interface ItemControlsProps {
  /** "turn 2", "step 3": used in the buttons' accessible names. */
  name: string
  index: number
  count: number
  onMove: (to: number) => void
  onRemove: () => void
  /** The remove button's verb and test id ("Remove" / `item-remove` unless given). */
  removeVerb?: string
  removeTitle?: string
  removeTestId?: string
  className?: string
}

export function ItemControls({
  name,
  index,
  count,
  onMove,
  onRemove,
  removeVerb = 'Remove',
  removeTitle = removeVerb,
  removeTestId = 'item-remove',
  className = 'item-controls',
}: ItemControlsProps) {
  return (
    <span className={className}>
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
        aria-label={`${removeVerb} ${name}`}
        title={removeTitle}
        data-testid={removeTestId}
        onClick={onRemove}
      >
        <TrashIcon />
      </button>
    </span>
  )
}
