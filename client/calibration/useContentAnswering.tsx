/**
 * Answering inside the example's content: the judged texts become SpanMarkers for the span question being
 * marked (one at a time when an example has several), and each step gets a verdict select per step-verdict
 * question. Returns the `renderText`/`stepAside` props for ContentView and the marking props for span cards.
 */
import { useState } from 'react'
import { textFields } from '../../shared/rubric/contentFields'
import type { QuestionSlot } from '../../shared/rubric/taskTypes'
import { isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { CriterionAnswer } from '../../shared/schema/calibration'
import type { ExampleContent, GoldValue } from '../../shared/schema/rubric'
import { SpanMarker } from '../content/SpanMarker'
import { StepVerdictInput } from '../content/StepVerdictInput'
import { addSpan, removeSpan, setStepVerdict, spansOf } from './answerValues'

interface Marking {
  exampleId: string
  key: string
  label: string
}

export function useContentAnswering(
  exampleId: string,
  content: ExampleContent,
  slots: readonly QuestionSlot[],
  answers: Record<string, CriterionAnswer> | undefined,
  setValue: (key: string, value: GoldValue | null) => void,
) {
  const spanSlots = slots.filter((s) => s.criterion.kind === 'span')
  const stepSlots = slots.filter(
    (s) => s.criterion.kind === 'stepVerdict' && s.criterion.mode !== 'firstWrong',
  )
  const [chosen, setChosen] = useState<Marking | null>(null)
  const first = spanSlots[0]
  const firstLabel = first?.criterion.kind === 'span' ? (first.criterion.labels[0]?.value ?? '') : ''
  const marking: Marking | null =
    chosen && chosen.exampleId === exampleId && spanSlots.some((s) => s.key === chosen.key)
      ? chosen
      : first
        ? { exampleId, key: first.key, label: firstLabel }
        : null
  const active = spanSlots.find((s) => s.key === marking?.key)
  const judged = new Map(textFields(content).map((f) => [f.path, f]))

  const renderText = (path: string, text: string) => {
    const field = judged.get(path)
    if (active?.criterion.kind !== 'span' || !marking || !field?.judged) return undefined
    const value = answers?.[active.key]?.value ?? null
    return (
      <SpanMarker
        text={text}
        field={path}
        label={field.label}
        spans={spansOf(value)}
        labels={active.criterion.labels.map((l) => l.value)}
        activeLabel={marking.label}
        onAdd={(span) => setValue(active.key, addSpan(value, span))}
        onRemove={(index) => setValue(active.key, removeSpan(value, index))}
      />
    )
  }

  const stepAside =
    stepSlots.length === 0
      ? undefined
      : (stepId: string, number: number) =>
          stepSlots.map((slot) => {
            if (slot.criterion.kind !== 'stepVerdict') return null
            const value = answers?.[slot.key]?.value ?? null
            return (
              <StepVerdictInput
                key={slot.key}
                label={stepSlots.length > 1 ? slot.criterion.title : 'Verdict'}
                stepNumber={number}
                verdicts={slot.criterion.verdicts}
                value={isStepVerdicts(value) ? value.steps[stepId] : undefined}
                onChange={(verdict) => setValue(slot.key, setStepVerdict(value, stepId, verdict))}
              />
            )
          })

  const markingFor = (slot: QuestionSlot) =>
    slot.criterion.kind === 'span'
      ? {
          active: marking?.key === slot.key,
          label: marking?.key === slot.key ? marking.label : (slot.criterion.labels[0]?.value ?? ''),
          onPick: (label: string) => setChosen({ exampleId, key: slot.key, label }),
        }
      : undefined

  return { renderText, stepAside, markingFor }
}
