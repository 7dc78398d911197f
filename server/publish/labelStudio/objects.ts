/**
 * Label Studio object tags for a task type's example content (what the annotator sees), and each example's
 * task `data` that fills them. Prompts are `Header`s, judged texts `Text`, dialogues, reasoning steps and
 * trajectory steps `Paragraphs` (one paragraph per text path, so spans and step verdicts map to paragraph
 * ranges), media items `Image`/`Audio`/`Video` with absolute URLs to our media route.
 */
import { textFields } from '../../../shared/rubric/contentFields'
import type {
  CalibrationExample,
  ContentKind,
  ExampleContent,
  ExampleMedia,
} from '../../../shared/schema/rubric'

/** A text object: where a path's text is shown. */
export interface TextObject {
  tag: 'Text'
  name: string
  /** The text path (`response`, `finalA`, …) shown by this object. */
  path: string
}
/** A Paragraphs object: each text path under `prefix` is one paragraph. */
export interface ParagraphsObject {
  tag: 'Paragraphs'
  name: string
}
export interface MediaObject {
  tag: 'Image' | 'Audio' | 'Video'
  name: string
  list: 'media' | 'mediaA' | 'mediaB'
  index: number
}
export type ObjectTag = TextObject | ParagraphsObject | MediaObject

export interface ContentLayout {
  /** The header's data key, if the content has a prompt/task. */
  header: string | null
  objects: ObjectTag[]
  /** The object a whole-example control labels. */
  main: string
  /** The objects of alternatives A and B (pairwise content), if any. */
  alternatives: { A: string; B: string } | null
  /** The Paragraphs object holding steps or turns, if any. */
  paragraphs: string | null
}

const MEDIA_TAGS = { image: 'Image', audio: 'Audio', video: 'Video' } as const

/** The object tags needed for the given examples of one content kind. */
export function contentLayout(kind: ContentKind, examples: CalibrationExample[]): ContentLayout {
  const contents = examples.map((e) => e.content)
  const text = (name: string, path: string): TextObject => ({ tag: 'Text', name, path })
  switch (kind) {
    case 'single':
      return layout('prompt', [text('response', 'response')], 'response')
    case 'pairwise':
      return {
        ...layout('prompt', [text('responseA', 'responseA'), text('responseB', 'responseB')], 'responseA'),
        alternatives: { A: 'responseA', B: 'responseB' },
      }
    case 'free':
      return layout(null, [text('body', 'body')], 'body')
    case 'conversation': {
      const finals = contents.some((c) => c.kind === 'conversation' && c.finalA !== undefined)
      const objects: ObjectTag[] = [{ tag: 'Paragraphs', name: 'dialogue' }]
      if (finals) objects.push(text('finalA', 'finalA'), text('finalB', 'finalB'))
      return {
        ...layout(null, objects, 'dialogue'),
        alternatives: finals ? { A: 'finalA', B: 'finalB' } : null,
        paragraphs: 'dialogue',
      }
    }
    case 'reasoning':
      return {
        ...layout('prompt', [{ tag: 'Paragraphs', name: 'steps' }, text('answer', 'answer')], 'steps'),
        paragraphs: 'steps',
      }
    case 'trajectory':
      return {
        ...layout('task', [{ tag: 'Paragraphs', name: 'steps' }, text('outcome', 'outcome')], 'steps'),
        paragraphs: 'steps',
      }
    case 'media': {
      const objects: MediaObject[] = []
      for (const list of ['media', 'mediaA', 'mediaB'] as const) {
        const longest = Math.max(0, ...contents.map((c) => (c.kind === 'media' ? (c[list]?.length ?? 0) : 0)))
        for (let index = 0; index < longest; index++) {
          // The first example with an item at this position decides the tag (documented in docs/import-export.md).
          const item = contents.map((c) => (c.kind === 'media' ? c[list]?.[index] : undefined)).find(Boolean)
          objects.push({ tag: MEDIA_TAGS[item?.kind ?? 'image'], name: `${list}_${index}`, list, index })
        }
      }
      const a = objects.find((o) => o.list === 'mediaA')
      const b = objects.find((o) => o.list === 'mediaB')
      // Without any media the prompt is all there is to label: shown as a Text as well.
      const all: ObjectTag[] =
        objects.length > 0 ? objects : [{ tag: 'Text', name: 'prompt', path: 'prompt' }]
      return {
        ...layout('prompt', all, all[0]!.name),
        alternatives: a && b ? { A: a.name, B: b.name } : null,
      }
    }
  }
}

function layout(header: string | null, objects: ObjectTag[], main: string): ContentLayout {
  return { header, objects, main, alternatives: null, paragraphs: null }
}

/** One paragraph of a Paragraphs object, and the text path it shows. */
export interface Paragraph {
  path: string
  author: string
  text: string
}

/** The paragraphs of turn/step content, in order (empty for other kinds). */
export function paragraphsOf(content: ExampleContent): Paragraph[] {
  if (content.kind !== 'conversation' && content.kind !== 'reasoning' && content.kind !== 'trajectory')
    return []
  return textFields(content)
    .filter((f) => f.path.startsWith(content.kind === 'conversation' ? 'turns.' : 'steps.'))
    .map((f) => ({ path: f.path, author: f.label, text: f.text }))
}

/** The task `data` of an example: one key per object (and the header), media as absolute URLs. */
export function taskData(
  example: CalibrationExample,
  layoutOf: ContentLayout,
  mediaUrl: (media: ExampleMedia) => string,
): Record<string, unknown> {
  const content = example.content
  const data: Record<string, unknown> = { yardstick_example_id: example.id, title: example.title }
  const texts = new Map(textFields(content).map((f) => [f.path, f.text]))
  if (layoutOf.header) data[layoutOf.header] = texts.get(layoutOf.header) ?? ''
  for (const object of layoutOf.objects) {
    if (object.tag === 'Text') data[object.name] = texts.get(object.path) ?? ''
    else if (object.tag === 'Paragraphs')
      data[object.name] = paragraphsOf(content).map(({ author, text }) => ({ author, text }))
    else {
      const item = content.kind === 'media' ? content[object.list]?.[object.index] : undefined
      data[object.name] = item ? mediaUrl(item) : ''
    }
  }
  return data
}
