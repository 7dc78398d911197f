/**
 * The rubric and example schemas accept valid data for every criterion kind and reject invalid data; the
 * generated JSON Schema file is current and accepts exactly what the zod schemas accept, on the same fixtures.
 */
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { rubricJsonSchema } from '../../shared/schema/jsonSchema'
import { type RubricWithExamples as Doc, RubricWithExamples } from '../../shared/schema/rubric'

const criteria = {
  binary: {
    id: 'c-bin',
    kind: 'binary',
    title: 'Safe',
    description: 'No risk',
    tags: ['axis:safety'],
    weight: 2,
    rationaleRequired: false,
  },
  ordinal: {
    id: 'c-ord',
    kind: 'ordinal',
    title: 'Helpfulness',
    description: 'Answers the question',
    tags: [],
    weight: 1,
    rationaleRequired: true,
    tolerance: 1,
    levels: [
      { value: 1, label: 'Poor', descriptor: 'Ignores the request' },
      { value: 5, label: 'Excellent', descriptor: 'Fully answers' },
    ],
  },
  points: {
    id: 'c-pts',
    kind: 'points',
    title: 'Advises ER',
    description: 'Red flags',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    points: -5,
  },
  pairwise: {
    id: 'c-pair',
    kind: 'pairwise',
    title: 'Preference',
    description: 'Which is better',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    allowTie: true,
    strengthRequired: true,
  },
  label: {
    id: 'c-lab',
    kind: 'label',
    title: 'Harm category',
    description: 'Pick one',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    labels: [
      { value: 'none', description: 'No harm' },
      { value: 'medical', description: 'Medical harm' },
    ],
    passingLabels: ['none'],
  },
  multiLabel: {
    id: 'c-ml',
    kind: 'multiLabel',
    title: 'Harms',
    description: 'All that apply',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    allowNA: true,
    labels: [{ value: 'medical', description: '' }],
    minJaccard: 1,
  },
  span: {
    id: 'c-sp',
    kind: 'span',
    title: 'Claims',
    description: 'Mark unsupported claims',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    labels: [{ value: 'claim', description: '' }],
    minOverlap: 0.5,
    minF1: 0.5,
  },
  stepVerdict: {
    id: 'c-sv',
    kind: 'stepVerdict',
    title: 'Steps',
    description: 'Judge each step',
    tags: [],
    weight: 1,
    rationaleRequired: false,
    verdicts: ['correct', 'incorrect'],
    mode: 'both',
    minStepAgreement: 0.8,
    stepTolerance: 0,
  },
} as const

const example = {
  id: 'e1',
  title: 'Paracetamol dose',
  content: { kind: 'single', prompt: 'How much paracetamol?', response: '1 g every 4 h' },
  gold: {
    'c-bin': { accepted: [false], rationale: 'Exceeds 4 g/day' },
    'c-ord': { accepted: [2, 3], rationale: '' },
    'c-pts': { accepted: [true], rationale: '' },
    'c-pair': { accepted: [{ choice: 'A', strength: 'clear' }], rationale: '' },
    'c-lab': { accepted: ['medical'], rationale: '' },
    'c-ml': { accepted: [{ labels: ['medical'] }, { na: true }], rationale: '' },
    'c-sp': {
      accepted: [{ spans: [{ field: 'response', start: 0, end: 3, label: 'claim', note: 'why' }] }],
      rationale: '',
    },
  },
  rationale: 'No daily maximum given.',
  difficulty: 'hard',
  sectionId: 'sec-accuracy',
  status: 'ready',
}

const valid = (): Doc =>
  structuredClone({
    rubric: { title: 'R', instructions: 'Do it', passThreshold: 0.8, criteria: Object.values(criteria) },
    examples: [example],
  }) as unknown as Doc

// biome-ignore lint/suspicious/noExplicitAny: fixtures are mutated freely into invalid shapes
type Loose = any
type Mutation = [string, (d: Loose) => void]
const VALID_VARIANTS: Mutation[] = [
  ['every kind together', () => {}],
  [
    'no criteria and no examples',
    (d) => {
      d.rubric.criteria = []
      d.examples = []
    },
  ],
  [
    'pairwise example content',
    (d) => {
      d.examples[0].content = { kind: 'pairwise', prompt: 'p', responseA: 'a', responseB: 'b' }
    },
  ],
  [
    'free content',
    (d) => {
      d.examples[0].content = { kind: 'free', body: 'Label this sentence.' }
    },
  ],
  [
    'tie without strength',
    (d) => {
      d.examples[0].gold['c-pair'].accepted = [{ choice: 'tie' }]
    },
  ],
  [
    'task types and an example naming one',
    (d) => {
      d.rubric.taskTypes = [{ id: 't1', name: 'Rate', contentKind: 'single', criterionIds: ['c-bin'] }]
      d.examples[0].taskTypeId = 't1'
    },
  ],
  [
    'conversation content with finals, Markdown and per-response gold keys',
    (d) => {
      d.examples[0].content = {
        kind: 'conversation',
        turns: [{ id: 't1', role: 'user', text: 'hi' }],
        finalA: 'a',
        finalB: 'b',
        markdown: { finalA: '**a**' },
      }
      d.examples[0].gold['c-bin@A'] = { accepted: [true], rationale: '' }
    },
  ],
  [
    'reasoning content with step verdict gold',
    (d) => {
      d.examples[0].content = {
        kind: 'reasoning',
        prompt: 'p',
        steps: [{ id: 's1', text: 'x' }],
        answer: 'a',
      }
      d.examples[0].gold['c-sv'] = {
        accepted: [{ steps: { s1: 'correct' }, firstWrong: null }],
        rationale: '',
      }
    },
  ],
  [
    'trajectory content',
    (d) => {
      d.examples[0].content = {
        kind: 'trajectory',
        task: 't',
        steps: [{ id: 's1', thought: '', tool: 'search', args: '{}', observation: 'o' }],
        outcome: 'done',
      }
    },
  ],
  [
    'no section',
    (d) => {
      d.examples[0].sectionId = null
    },
  ],
  [
    'unknown extra keys are ignored',
    (d) => {
      d.rubric.extra = 1
    },
  ],
]
const INVALID_VARIANTS: Mutation[] = [
  [
    'unknown kind',
    (d) => {
      d.rubric.criteria[0].kind = 'stars'
    },
  ],
  [
    'threshold above 1',
    (d) => {
      d.rubric.passThreshold = 1.5
    },
  ],
  [
    'negative weight',
    (d) => {
      d.rubric.criteria[0].weight = -1
    },
  ],
  [
    'ordinal without tolerance',
    (d) => {
      delete d.rubric.criteria[1].tolerance
    },
  ],
  [
    'ordinal level value not an integer',
    (d) => {
      d.rubric.criteria[1].levels[0].value = 1.5
    },
  ],
  [
    'too many ordinal levels',
    (d) => {
      d.rubric.criteria[1].levels = Array.from({ length: 12 }, (_, i) => ({
        value: i,
        label: '',
        descriptor: 'x',
      }))
    },
  ],
  [
    'points not an integer',
    (d) => {
      d.rubric.criteria[2].points = 2.5
    },
  ],
  [
    'pairwise without allowTie',
    (d) => {
      delete d.rubric.criteria[3].allowTie
    },
  ],
  [
    'label without passingLabels',
    (d) => {
      delete d.rubric.criteria[4].passingLabels
    },
  ],
  [
    'empty label value',
    (d) => {
      d.rubric.criteria[4].labels[0].value = ''
    },
  ],
  [
    'empty criterion id',
    (d) => {
      d.rubric.criteria[0].id = ''
    },
  ],
  [
    'gold with no accepted value',
    (d) => {
      d.examples[0].gold['c-bin'].accepted = []
    },
  ],
  [
    'pairwise gold with unknown choice',
    (d) => {
      d.examples[0].gold['c-pair'].accepted = [{ choice: 'C' }]
    },
  ],
  [
    'pairwise gold with unknown strength',
    (d) => {
      d.examples[0].gold['c-pair'].accepted = [{ choice: 'A', strength: 'huge' }]
    },
  ],
  [
    'gold value is an object of the wrong shape',
    (d) => {
      d.examples[0].gold['c-bin'].accepted = [{ yes: true }]
    },
  ],
  [
    'content kind missing',
    (d) => {
      d.examples[0].content = { prompt: 'p', response: 'r' }
    },
  ],
  [
    'pairwise content without response B',
    (d) => {
      d.examples[0].content = { kind: 'pairwise', prompt: 'p', responseA: 'a' }
    },
  ],
  [
    'unknown difficulty',
    (d) => {
      d.examples[0].difficulty = 'extreme'
    },
  ],
  [
    'unknown status',
    (d) => {
      d.examples[0].status = 'published'
    },
  ],
  [
    'missing rationale',
    (d) => {
      delete d.examples[0].rationale
    },
  ],
  [
    'title too long',
    (d) => {
      d.rubric.criteria[0].title = 'x'.repeat(201)
    },
  ],
  [
    'unknown step verdict mode',
    (d) => {
      d.rubric.criteria[7].mode = 'sometimes'
    },
  ],
  [
    'span minOverlap of 0',
    (d) => {
      d.rubric.criteria[6].minOverlap = 0
    },
  ],
  [
    'task type with an unknown content kind',
    (d) => {
      d.rubric.taskTypes = [{ id: 't1', name: 'x', contentKind: 'video', criterionIds: [] }]
    },
  ],
  [
    'conversation turn with an unknown role',
    (d) => {
      d.examples[0].content = { kind: 'conversation', turns: [{ id: 't1', role: 'narrator', text: '' }] }
    },
  ],
  [
    'trajectory step without args',
    (d) => {
      d.examples[0].content = {
        kind: 'trajectory',
        task: 't',
        steps: [{ id: 's1', thought: '', tool: '', observation: '' }],
        outcome: '',
      }
    },
  ],
  [
    'span without a field',
    (d) => {
      d.examples[0].gold['c-sp'].accepted = [{ spans: [{ start: 0, end: 1, label: 'claim' }] }]
    },
  ],
  [
    'N/A that is not true',
    (d) => {
      d.examples[0].gold['c-ml'].accepted = [{ na: false }]
    },
  ],
  [
    'examples not an array',
    (d) => {
      d.examples = {}
    },
  ],
]

const ajv = new Ajv2020({ allErrors: true, strict: false })
const validateJson = ajv.compile(rubricJsonSchema())

describe('rubric schemas', () => {
  it('the committed JSON Schema file is what the zod schemas generate (run `npm run schema`)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../shared/schema/rubric.schema.json', import.meta.url), 'utf8'),
    )
    expect(committed).toEqual(rubricJsonSchema())
  })

  it.each(VALID_VARIANTS)('accepts %s (zod and JSON Schema)', (_name, mutate) => {
    const doc = valid() as Loose
    mutate(doc)
    expect(RubricWithExamples.safeParse(doc).success).toBe(true)
    expect(validateJson(doc), JSON.stringify(validateJson.errors)).toBe(true)
  })

  it.each(INVALID_VARIANTS)('rejects %s (zod and JSON Schema)', (_name, mutate) => {
    const doc = valid() as Loose
    mutate(doc)
    expect(RubricWithExamples.safeParse(doc).success).toBe(false)
    expect(validateJson(doc)).toBe(false)
  })
})
