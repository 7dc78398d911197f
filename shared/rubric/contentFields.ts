/**
 * The named texts of an example's content: every text a rater reads, by a stable path (`prompt`, `response`,
 * `turns.<turnId>`, `steps.<stepId>.observation`…) with a label for people. Span criteria mark ranges in
 * these texts and step verdicts refer to steps by id, so paths use ids, never positions.
 */
import type { ExampleContent, ExampleMedia } from '../schema/rubric'

export interface TextField {
  path: string
  label: string
  text: string
  /** Whether this text is a response being judged (what span criteria usually mark). */
  judged: boolean
}

export interface ContentStep {
  id: string
  /** 1-based position shown to people ("Step 3"). */
  number: number
}

const ROLE_LABELS = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' } as const

export function textFields(content: ExampleContent): TextField[] {
  switch (content.kind) {
    case 'single':
      return [
        { path: 'prompt', label: 'Prompt', text: content.prompt, judged: false },
        { path: 'response', label: 'Response', text: content.response, judged: true },
      ]
    case 'pairwise':
      return [
        { path: 'prompt', label: 'Prompt', text: content.prompt, judged: false },
        { path: 'responseA', label: 'Response A', text: content.responseA, judged: true },
        { path: 'responseB', label: 'Response B', text: content.responseB, judged: true },
      ]
    case 'free':
      return [{ path: 'body', label: 'Item', text: content.body, judged: true }]
    case 'conversation': {
      const turns = content.turns.map((turn, i) => ({
        path: `turns.${turn.id}`,
        label: `Turn ${i + 1} · ${ROLE_LABELS[turn.role]}`,
        text: turn.text,
        judged: turn.role === 'assistant',
      }))
      const finals = [
        ...(content.finalA !== undefined
          ? [{ path: 'finalA', label: 'Final turn A', text: content.finalA, judged: true }]
          : []),
        ...(content.finalB !== undefined
          ? [{ path: 'finalB', label: 'Final turn B', text: content.finalB, judged: true }]
          : []),
      ]
      return [...turns, ...finals]
    }
    case 'reasoning':
      return [
        { path: 'prompt', label: 'Prompt', text: content.prompt, judged: false },
        ...content.steps.map((step, i) => ({
          path: `steps.${step.id}`,
          label: `Step ${i + 1}`,
          text: step.text,
          judged: true,
        })),
        { path: 'answer', label: 'Final answer', text: content.answer, judged: true },
      ]
    case 'trajectory':
      return [
        { path: 'task', label: 'Task', text: content.task, judged: false },
        ...content.steps.flatMap((step, i) => [
          {
            path: `steps.${step.id}.thought`,
            label: `Step ${i + 1} · thought`,
            text: step.thought,
            judged: true,
          },
          {
            path: `steps.${step.id}.args`,
            label: `Step ${i + 1} · ${step.tool || 'action'}`,
            text: step.args,
            judged: true,
          },
          {
            path: `steps.${step.id}.observation`,
            label: `Step ${i + 1} · observation`,
            text: step.observation,
            judged: false,
          },
        ]),
        { path: 'outcome', label: 'Outcome', text: content.outcome, judged: true },
      ]
    case 'media':
      // The judged images, clips and recordings are not texts: only the prompt is a text path.
      return [{ path: 'prompt', label: 'Prompt', text: content.prompt, judged: false }]
  }
}

/** The text at a path, or undefined when the content has no such text (e.g. a deleted step). */
export function textAt(content: ExampleContent, path: string): string | undefined {
  return textFields(content).find((field) => field.path === path)?.text
}

/** The steps of reasoning or trajectory content, in order; empty for other kinds. */
export function contentSteps(content: ExampleContent): ContentStep[] {
  if (content.kind !== 'reasoning' && content.kind !== 'trajectory') return []
  return content.steps.map((step, i) => ({ id: step.id, number: i + 1 }))
}

/** Whether the content shows two alternatives A and B (pairwise responses, two final turns, media A and B). */
export function hasAlternatives(content: ExampleContent): boolean {
  return (
    content.kind === 'pairwise' ||
    (content.kind === 'conversation' && content.finalA !== undefined && content.finalB !== undefined) ||
    (content.kind === 'media' && content.mediaA !== undefined && content.mediaB !== undefined)
  )
}

/** Every media item of the content (input media, then A, then B); empty for text-only kinds. */
export function contentMedia(content: ExampleContent): ExampleMedia[] {
  if (content.kind !== 'media') return []
  return [...content.media, ...(content.mediaA ?? []), ...(content.mediaB ?? [])]
}
