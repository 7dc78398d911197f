/** The criteria in order; drag a handle (mouse, touch or keyboard: Space, arrows, Space) or use ↑ ↓ to reorder. */
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { Problem } from '../../shared/rubric/problems'
import type { Criterion } from '../../shared/schema/rubric'
import { moveCriterion } from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { CriterionCard } from './CriterionCard'
import { useDraftData } from './draftContext'

interface SortableProps {
  criterion: Criterion
  index: number
  count: number
  problems: Problem[]
  onMove: (id: string, to: number) => void
}

function SortableCriterion({ criterion, index, count, problems, onMove }: SortableProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: criterion.id,
  })
  return (
    <li
      ref={setNodeRef}
      className={`criteria__item${isDragging ? ' is-dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      <CriterionCard
        criterion={criterion}
        index={index}
        count={count}
        problems={problems}
        onMove={(to) => onMove(criterion.id, to)}
        dragHandle={{ attributes, listeners }}
      />
    </li>
  )
}

export function CriteriaList() {
  const { doc, rubric, problems } = useDraftData()
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const criteria = rubric.criteria
  const move = (id: string, to: number) => writeLocal(doc, () => moveCriterion(doc, id, to))
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    const to = criteria.findIndex((c) => c.id === over.id)
    if (to >= 0) move(String(active.id), to)
  }
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={criteria.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ol className="criteria" data-testid="criteria">
          {criteria.map((criterion, index) => (
            <SortableCriterion
              key={criterion.id}
              criterion={criterion}
              index={index}
              count={criteria.length}
              problems={problems.filter((p) => p.criterionId === criterion.id && !p.exampleId)}
              onMove={move}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  )
}
