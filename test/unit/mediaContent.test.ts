/**
 * The media content kind: its Yjs layout (items as Y.Maps of MediaRef fields that `mediaHashesInDraft` finds),
 * the round trip through draftFromData and the readers, list edits (add, alt, move, remove, the 20-item
 * cap, invalid references refused), the problems of a media example without media, questions with media A/B,
 * version URLs and the diff of media items by hash.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exampleMediaHtml, exampleMediaLists, exampleMediaMarkdown } from '../../server/publish/text'
import { examplesWithMediaUrls } from '../../shared/content/mediaUrls'
import { diffRubrics } from '../../shared/diff/rubricDiff'
import { mediaHashesInDraft } from '../../shared/media/mediaRefs'
import { findProblems } from '../../shared/rubric/problems'
import { questionSlots } from '../../shared/rubric/taskTypes'
import {
  type CalibrationExample,
  type Criterion,
  ExampleContent,
  type ExampleMedia,
  MAX_EXAMPLE_MEDIA,
  type RubricWithExamples,
} from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { writeDraftFromData } from '../../shared/ydoc/draftFromData'
import { setContentKind, setHasFinals } from '../../shared/ydoc/exampleContentDoc'
import {
  addExampleMedia,
  exampleMediaItems,
  moveExampleMedia,
  removeExampleMedia,
  setExampleMediaAlt,
} from '../../shared/ydoc/exampleMediaDoc'
import { addExample, examplesMap } from '../../shared/ydoc/examplesDoc'

const hash = (c: string) => c.repeat(64)
const png = (c: string, over: Partial<ExampleMedia> = {}): ExampleMedia => ({
  id: `m${c}`,
  hash: hash(c),
  kind: 'image',
  mime: 'image/png',
  width: 64,
  height: 48,
  ...over,
})
const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }
const adherence: Criterion = { ...base, id: 'adh', title: 'Prompt adherence', kind: 'binary' }
const pref: Criterion = {
  ...base,
  id: 'pref',
  title: 'Preference',
  kind: 'pairwise',
  allowTie: true,
  strengthRequired: false,
}
const example = (content: ExampleContent, over: Partial<CalibrationExample> = {}): CalibrationExample => ({
  id: 'e1',
  title: 'A cat',
  content,
  gold: {},
  rationale: '',
  difficulty: 'easy',
  sectionId: null,
  status: 'ready',
  role: 'calibration',
  ...over,
})
const data = (examples: CalibrationExample[], taskTypes?: RubricWithExamples['rubric']['taskTypes']) => ({
  guideline: { type: 'doc', content: [{ type: 'paragraph' }] },
  rubric: {
    title: 'R',
    instructions: '',
    passThreshold: 0.8,
    criteria: [adherence, pref],
    ...(taskTypes ? { taskTypes } : {}),
  },
  examples,
})

function fromData(examples: CalibrationExample[], taskTypes?: RubricWithExamples['rubric']['taskTypes']) {
  const doc = new Y.Doc()
  writeDraftFromData(doc, data(examples, taskTypes))
  return doc
}

describe('media content in the draft', () => {
  it('round-trips a single and a pairwise media example through the Y.Doc', () => {
    const single: ExampleContent = {
      kind: 'media',
      prompt: 'A cat on a red sofa',
      media: [png('a', { alt: 'A tabby cat' }), png('b', { kind: 'video', mime: 'video/webm' })],
    }
    const pair: ExampleContent = {
      kind: 'media',
      prompt: 'A dog',
      media: [],
      mediaA: [png('c')],
      mediaB: [png('d', { kind: 'audio', mime: 'audio/ogg', width: undefined, height: undefined })],
    }
    const doc = fromData([example(single), example(pair, { id: 'e2' })])
    const read = readRubricWithExamples(doc).examples
    expect(read[0]!.content).toEqual(single)
    expect(read[1]!.content).toEqual(JSON.parse(JSON.stringify(pair)))
    expect(ExampleContent.safeParse(read[1]!.content).success).toBe(true)
    expect([...mediaHashesInDraft(doc)].sort()).toEqual([hash('a'), hash('b'), hash('c'), hash('d')])
  })

  it('adds, describes, moves and removes items; refuses bad references and a 21st item', () => {
    const doc = new Y.Doc()
    addExample(doc, { id: 'ex' })
    setContentKind(doc, 'ex', 'media')
    const ref = { hash: hash('a'), kind: 'image' as const, mime: 'image/png' }
    const first = addExampleMedia(doc, 'ex', 'media', ref)!
    const second = addExampleMedia(doc, 'ex', 'media', { ...ref, hash: hash('b') })!
    expect(addExampleMedia(doc, 'ex', 'media', { ...ref, hash: 'not-a-hash' })).toBeNull()
    expect(addExampleMedia(doc, 'ex', 'media', { ...ref, hash: 'A'.repeat(64) })).toBeNull()
    setExampleMediaAlt(doc, 'ex', 'media', first, 'Six fingers on the left hand')
    moveExampleMedia(doc, 'ex', 'media', second, 0)
    expect(exampleMediaItems(doc, 'ex', 'media').map((m) => [m.id, m.alt])).toEqual([
      [second, undefined],
      [first, 'Six fingers on the left hand'],
    ])
    removeExampleMedia(doc, 'ex', 'media', second)
    expect(exampleMediaItems(doc, 'ex', 'media').map((m) => m.id)).toEqual([first])
    for (let i = 1; i < MAX_EXAMPLE_MEDIA; i++)
      expect(addExampleMedia(doc, 'ex', 'media', { ...ref, hash: hash('c') })).not.toBeNull()
    expect(addExampleMedia(doc, 'ex', 'media', { ...ref, hash: hash('d') })).toBeNull()
    expect(exampleMediaItems(doc, 'ex', 'media')).toHaveLength(MAX_EXAMPLE_MEDIA)
  })

  it('drops an item a peer wrote with a bad hash or a url, and merges concurrent adds', () => {
    const a = new Y.Doc()
    addExample(a, { id: 'ex' })
    setContentKind(a, 'ex', 'media')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    addExampleMedia(a, 'ex', 'media', { hash: hash('a'), kind: 'image', mime: 'image/png' })
    addExampleMedia(b, 'ex', 'media', { hash: hash('b'), kind: 'image', mime: 'image/png' })
    const list = examplesMap(b).get('ex')!.get('media') as Y.Array<Y.Map<unknown>>
    const bad = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({
      id: 'x',
      hash: '../../etc/passwd',
      kind: 'image',
      mime: 'image/png',
    }))
      bad.set(k, v)
    list.push([bad])
    const withUrl = list.get(0)
    withUrl.set('url', 'javascript:alert(1)')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const items = readRubricWithExamples(a).examples[0]!.content
    expect(items.kind).toBe('media')
    if (items.kind !== 'media') return
    expect(items.media.map((m) => m.hash).sort()).toEqual([hash('a'), hash('b')])
    expect(items.media.every((m) => m.url === undefined)).toBe(true)
  })
})

describe('media problems and questions', () => {
  const codes = (examples: CalibrationExample[], taskTypes?: RubricWithExamples['rubric']['taskTypes']) =>
    findProblems(readRubricWithExamples(fromData(examples, taskTypes))).map((p) => p.code)

  it('reports a media example with no media, and a pairwise one missing media B', () => {
    expect(codes([example({ kind: 'media', prompt: 'A cat', media: [] })])).toContain('example_no_media')
    expect(codes([example({ kind: 'media', prompt: 'A cat', media: [png('a')] })])).not.toContain(
      'example_no_media',
    )
    const pairwise = { kind: 'media' as const, prompt: 'A cat', media: [], mediaA: [png('a')], mediaB: [] }
    const found = findProblems(readRubricWithExamples(fromData([example(pairwise)])))
    expect(found.find((p) => p.code === 'example_no_media')?.message).toMatch(/no media B/)
  })

  it('asks per-output criteria for A and B and the pairwise criterion once when media A/B are shown', () => {
    const types = [
      { id: 'img', name: 'Images', contentKind: 'media' as const, criterionIds: ['adh', 'pref'] },
    ]
    const doc = fromData(
      [example({ kind: 'media', prompt: 'p', media: [png('a')] }, { taskTypeId: 'img' })],
      types,
    )
    const rubric = readRubricWithExamples(doc).rubric
    const slots = () => questionSlots(rubric, readRubricWithExamples(doc).examples[0]!).map((s) => s.key)
    expect(slots()).toEqual(['adh'])
    setHasFinals(doc, 'e1', true)
    expect(slots()).toEqual(['adh@A', 'adh@B', 'pref'])
    expect(codes([], types)).not.toContain('task_type_criterion_unfit')
  })
})

describe('media in versions and diffs', () => {
  it('gives every item its URL beside its hash', () => {
    const [withUrls] = examplesWithMediaUrls(
      [example({ kind: 'media', prompt: 'p', media: [png('a')], mediaA: [png('b')], mediaB: [png('c')] })],
      'proj 1',
    )
    const content = withUrls!.content
    if (content.kind !== 'media') throw new Error('kind')
    expect(content.media[0]!.url).toBe(`/api/projects/proj%201/media/${hash('a')}`)
    expect(content.mediaB![0]!.url).toBe(`/api/projects/proj%201/media/${hash('c')}`)
  })

  it('lists media items added and removed by hash, and changed alt texts', () => {
    const before = data([
      example({ kind: 'media', prompt: 'p', media: [png('a'), png('b', { alt: 'old' })] }),
    ])
    const after = data([
      example({ kind: 'media', prompt: 'p', media: [png('b', { alt: 'new', id: 'other' }), png('c')] }),
    ])
    const changes = diffRubrics(before, after, false).map((c) =>
      'part' in c ? [c.type, c.part, c.before, c.after] : [c.type],
    )
    expect(changes).toEqual([
      ['example_part_changed', 'Media · image', 'old', 'new'],
      ['example_part_added', 'Media · image', null, hash('c').slice(0, 12)],
      ['example_part_removed', 'Media · image', hash('a').slice(0, 12), null],
    ])
  })
})

describe('media in exports', () => {
  const [published] = examplesWithMediaUrls(
    [
      example({
        kind: 'media',
        prompt: 'p',
        media: [
          png('a', { alt: 'a ](javascript:alert(1)) <script>x</script>' }),
          png('b', { kind: 'video', mime: 'video/webm', alt: 'clip' }),
        ],
      }),
    ],
    'p1',
  )
  const items = published!.content.kind === 'media' ? published!.content.media : []

  it('writes images as escaped Markdown images and video as links to the media URL', () => {
    const lines = exampleMediaMarkdown(items)
    expect(lines[0]).toBe(
      `- ![a \\](javascript:alert(1)) \\<script>x\\</script>](</api/projects/p1/media/${hash('a')}>)`,
    )
    expect(lines[1]).toBe(`- [Video: clip](</api/projects/p1/media/${hash('b')}>)`)
  })

  it('writes escaped HTML with players, and never a URL that is not a media path', () => {
    const html = exampleMediaHtml(items)
    expect(html).toContain(
      `<img src="/api/projects/p1/media/${hash('a')}" alt="a ](javascript:alert(1)) &lt;script&gt;`,
    )
    expect(html).toContain(`<video src="/api/projects/p1/media/${hash('b')}" controls`)
    expect(html).not.toContain('<script>')
    const forged = exampleMediaHtml([{ ...items[0]!, url: 'javascript:alert(1)' }])
    expect(forged).not.toContain('javascript:alert(1)"')
    expect(forged).not.toContain('<img')
    expect(
      exampleMediaLists({ kind: 'media', prompt: '', media: [], mediaA: [], mediaB: [] }).map((l) => l.label),
    ).toEqual(['Media A', 'Media B'])
  })
})
