/**
 * Exports of versions with the task-type content and criterion kinds: conversation, reasoning and
 * trajectory parts in the Markdown, gold per question slot in words (spans with the text they mark, step
 * verdicts by step number, label sets, N/A), task types listed, one CSV row per slot — and hostile text in
 * turns, steps and structured (Markdown) fields renders to nothing but the export's own elements.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { variantFor } from '../../server/publish/audienceVariant'
import { buildVersionJson, withoutGold } from '../../server/publish/buildVersion'
import { versionMarkdown, versionPrintPage } from '../../server/publish/exportVersion'
import { goldCsv } from '../../server/publish/goldCsv'
import { renderGuidelineHtml, renderGuidelineMarkdown } from '../../server/publish/renderGuideline'
import type { CalibrationExample, Criterion } from '../../shared/schema/rubric'
import { VERSION_FORMAT, type VersionJson } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, setExampleField } from '../../shared/ydoc/examplesDoc'
import { DraftRoot } from '../../shared/ydoc/layout'
import { addCriterion } from '../../shared/ydoc/rubricDoc'
import { HOSTILE_TEXTS, inspectHtml, inspectMarkdown } from '../helpers/hostileMarkdown'

const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }
const criteria: Criterion[] = [
  { ...base, id: 'acc', title: 'Accuracy', kind: 'binary', allowNA: true },
  {
    ...base,
    id: 'harm',
    title: 'Harms',
    kind: 'multiLabel',
    labels: [{ value: 'medical', description: 'health' }],
    minJaccard: 1,
  },
  {
    ...base,
    id: 'sp',
    title: 'Claims',
    kind: 'span',
    labels: [{ value: 'claim', description: '' }],
    minOverlap: 0.5,
    minF1: 0.5,
  },
  {
    ...base,
    id: 'sv',
    title: 'Steps',
    kind: 'stepVerdict',
    verdicts: ['correct', 'incorrect'],
    mode: 'both',
    minStepAgreement: 0.8,
    stepTolerance: 1,
  },
]
const example = (over: Partial<CalibrationExample>): CalibrationExample => ({
  id: 'e',
  title: 'E',
  content: { kind: 'free', body: '' },
  gold: {},
  rationale: 'because',
  difficulty: 'easy',
  sectionId: null,
  status: 'ready',
  role: 'calibration',
  ...over,
})

function version(
  examples: CalibrationExample[],
  taskTypes?: VersionJson['rubric']['taskTypes'],
): VersionJson {
  return {
    format: VERSION_FORMAT,
    project: { id: 'p', name: 'P' },
    version: '1.0.0',
    publishedAt: '2026-12-03T12:00:00.000Z',
    publishedBy: { id: 'u', name: 'U' },
    changelog: 'c',
    openThreadsAtPublish: 0,
    guideline: { doc: { type: 'doc' }, html: '', markdown: '', sections: [] },
    rubric: {
      title: 'R',
      instructions: '',
      passThreshold: 0.8,
      criteria,
      ...(taskTypes ? { taskTypes } : {}),
    },
    includesGold: true,
    examples,
  }
}

const conversation = example({
  id: 'conv',
  title: 'Chat',
  taskTypeId: 'chat',
  content: {
    kind: 'conversation',
    turns: [
      { id: 't1', role: 'user', text: 'Can I take aspirin?' },
      { id: 't2', role: 'assistant', text: 'Aspirin cures colds.' },
    ],
    finalA: 'Yes.',
    finalB: 'Ask a doctor.',
  },
  gold: {
    'acc@A': { accepted: [false], rationale: '' },
    'acc@B': { accepted: [{ na: true }], rationale: '' },
    'harm@A': { accepted: [{ labels: ['medical'] }, { labels: [] }], rationale: '' },
    sp: {
      accepted: [{ spans: [{ field: 'turns.t2', start: 8, end: 19, label: 'claim', note: 'false' }] }],
      rationale: 'r',
    },
  },
})
const reasoning = example({
  id: 'cot',
  title: 'Sum',
  taskTypeId: 'cot',
  content: {
    kind: 'reasoning',
    prompt: '2 + 2?',
    steps: [
      { id: 's1', text: '2 + 2 = 5' },
      { id: 's2', text: 'so 5' },
    ],
    answer: '5',
  },
  gold: {
    sv: { accepted: [{ steps: { s1: 'incorrect', s2: 'correct' }, firstWrong: 's1' }], rationale: '' },
  },
})
const trajectory = example({
  id: 'agent',
  title: 'Agent',
  taskTypeId: 'agent',
  content: {
    kind: 'trajectory',
    task: 'Book a flight',
    steps: [
      { id: 'a1', thought: 'search first', tool: 'search', args: '{"from":"LHR"}', observation: '3 flights' },
    ],
    outcome: 'Booked',
  },
})
const types: VersionJson['rubric']['taskTypes'] = [
  { id: 'chat', name: 'Chat', contentKind: 'conversation', criterionIds: ['acc', 'harm', 'sp'] },
  { id: 'cot', name: 'Chain of thought', contentKind: 'reasoning', criterionIds: ['sv'] },
  { id: 'agent', name: 'Agent', contentKind: 'trajectory', criterionIds: ['sv'] },
]

describe('exports of the new content and criterion kinds', () => {
  const v = version([conversation, reasoning, trajectory], types)
  const markdown = versionMarkdown(v)

  it('writes every part of conversations, reasoning and trajectories', () => {
    for (const part of [
      '**Turn 1 · User**\n\nCan I take aspirin?',
      '**Turn 2 · Assistant**\n\nAspirin cures colds.',
      '**Final turn A**\n\nYes.',
      '**Step 1**\n\n2 + 2 = 5',
      '**Final answer**\n\n5',
      '**Task**\n\nBook a flight',
      '**Step 1 · search**\n\n{"from":"LHR"}',
      '**Step 1 · observation**\n\n3 flights',
      '**Outcome**\n\nBooked',
    ])
      expect(markdown).toContain(part)
  })

  it('writes gold per question slot in words, and the task types', () => {
    expect(markdown).toContain('- Accuracy (final turn A): No')
    expect(markdown).toContain('- Accuracy (final turn B): N/A')
    expect(markdown).toContain('- Harms (final turn A): medical or none')
    expect(markdown).toContain('- Claims: claim: “cures colds” (Turn 2 · Assistant) — false — r')
    expect(markdown).toContain('- Steps: step 1: incorrect; step 2: correct; first wrong: step 1')
    expect(markdown).toContain('- Chain of thought (reasoning content): Steps')
    expect(markdown).toContain('- N/A allowed')
    expect(markdown).toContain('First wrong step (±1 steps)')
    const page = versionPrintPage(v)
    expect(page).toContain('<li>Claims: claim: “cures colds” (Turn 2 · Assistant) — false — r</li>')
    expect(page).toContain('<h3>Task types</h3>')
  })

  it('writes one CSV row per slot with gold, with its slot key and target', () => {
    const rows = goldCsv(v).trim().split('\r\n')
    expect(rows[0]!.endsWith(',slot_key,target')).toBe(true)
    const keys = rows.slice(1).map((row) => row.split(',').slice(-2).join(' '))
    expect(keys).toEqual(['acc@A A', 'acc@B B', 'harm@A A', 'sp ', 'sv '])
    expect(rows[3]).toContain('medical | none')
  })
})

describe('hostile text in the new kinds', () => {
  it('renders turns and steps as text only', () => {
    const hostile = HOSTILE_TEXTS.join('\n')
    const v = version([
      example({ content: { kind: 'conversation', turns: [{ id: 't1', role: 'user', text: hostile }] } }),
      example({
        id: 'r',
        content: { kind: 'reasoning', prompt: hostile, steps: [{ id: 's', text: hostile }], answer: hostile },
      }),
    ])
    const rendered = inspectMarkdown(versionMarkdown(v), true)
    expect(
      [...rendered.tags.keys()].filter((t) => !['p', 'br', 'h2', 'h3', 'ul', 'li', 'strong'].includes(t)),
    ).toEqual([])
    expect([...rendered.attributes.keys()]).toEqual([])
  }, 30_000)

  it('renders structured fields (content.markdown) with their structure and escaped text', () => {
    const doc = new Y.Doc()
    addExample(doc, {
      id: 'e',
      text: { response: [{ type: 'bulletList', items: HOSTILE_TEXTS.slice(0, 10) }] },
    })
    const [read] = readRubricWithExamples(doc).examples
    expect(read!.content.markdown?.response).toBeDefined()
    const rendered = inspectMarkdown(versionMarkdown(version([read!])), true)
    // Ten list items, and nine scale lines: 2 (binary + N/A), 2 (multiLabel), 2 (span), 3 (stepVerdict).
    expect(rendered.tags.get('li')).toBe(10 + 9)
    expect(
      [...rendered.tags.keys()].filter((t) => !['p', 'br', 'h2', 'h3', 'ul', 'li', 'strong'].includes(t)),
    ).toEqual([])
    expect([...rendered.attributes.keys()]).toEqual([])
  }, 30_000)
})

describe('publishing a draft with task types', () => {
  it('keeps task types, taskTypeId and Markdown in the version and in the annotator variant (no gold)', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'acc', kind: 'binary', title: 'Accuracy', description: 'd' })
    addExample(doc, {
      id: 'e',
      title: 'E',
      role: 'teaching',
      status: 'ready',
      text: {
        prompt: [{ type: 'paragraph', text: 'Q' }],
        response: [{ type: 'bulletList', items: ['a', 'b'] }],
      },
      gold: { acc: { accepted: [true] } },
    })
    setExampleField(doc, 'e', 'taskTypeId', 'rate')
    const type = new Y.Map<unknown>()
    type.set('id', 'rate')
    type.set('name', new Y.Text('Rate'))
    type.set('contentKind', 'single')
    type.set('order', 'a0')
    const ticks = new Y.Map<boolean>()
    ticks.set('acc', true)
    type.set('criteria', ticks)
    doc.getMap(DraftRoot.taskTypes).set('rate', type)
    const built = buildVersionJson(doc, {
      project: { id: 'p', name: 'P' },
      version: '1.0.0',
      publishedAt: '2026-12-03T12:00:00.000Z',
      publishedBy: { id: 'u', name: 'U' },
      changelog: 'c',
      openThreadsAtPublish: 0,
    })
    expect(built.rubric.taskTypes).toEqual([
      { id: 'rate', name: 'Rate', contentKind: 'single', criterionIds: ['acc'] },
    ])
    const annotator = variantFor(built, 'annotator').examples[0]!
    expect(annotator).toMatchObject({ taskTypeId: 'rate', content: { markdown: { response: '- a\n- b\n' } } })
    const staff = variantFor(built, 'staff').examples[0]!
    expect(staff).not.toHaveProperty('gold')
  })
})

describe('embedded examples of the new kinds in the guideline', () => {
  it('escape labels built from typed text (a trajectory tool name)', () => {
    const tool = '<img src=x onerror=alert(1)>*em*'
    const embedded = withoutGold(
      example({
        id: 'agent',
        content: {
          kind: 'trajectory',
          task: 't',
          steps: [{ id: 's', thought: 'x', tool, args: '{}', observation: 'o' }],
          outcome: 'done',
        },
      }),
    )
    const doc = { type: 'doc', content: [{ type: 'calibrationExample', attrs: { exampleId: 'agent' } }] }
    const examples = new Map([['agent', embedded]])
    const html = inspectHtml(renderGuidelineHtml(doc, examples, 'p1'))
    expect(html.tags.get('img')).toBeUndefined()
    expect(renderGuidelineHtml(doc, examples, 'p1')).toContain(
      'Step 1 · &lt;img src=x onerror=alert(1)&gt;*em*',
    )
    const markdown = inspectMarkdown(renderGuidelineMarkdown(doc, examples, 'p1'), true)
    expect(markdown.tags.get('img')).toBeUndefined()
    // One <em> per part label (five), none from the tool name's asterisks.
    expect(markdown.tags.get('em')).toBe(5)
  })
})
