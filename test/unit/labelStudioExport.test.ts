/**
 * The Label Studio export of every template's task types: the config passes the Label Studio tag table
 * (test/helpers/labelStudioTags.ts) and the tasks fit the config (names, result types, value shapes, span
 * offsets that select the marked text); gold only when asked for; the validator itself rejects broken input.
 */
import { describe, expect, it } from 'vitest'
import { controlName } from '../../server/publish/labelStudio/controls'
import {
  labelStudioConfig,
  labelStudioTasks,
  pickTaskType,
} from '../../server/publish/labelStudio/labelStudioExport'
import { taskTypesOf } from '../../shared/rubric/taskTypes'
import { mediaPath } from '../../shared/schema/media'
import { PROJECT_TEMPLATES } from '../../shared/templates'
import { parseConfig, validateTasks } from '../helpers/labelStudioValidator'
import { versionOfTemplate } from '../helpers/templateVersion'

const mediaUrl = (media: { hash: string }) => `https://ys.example${mediaPath('p1', media.hash)}`

describe('Label Studio export of every template', () => {
  for (const template of PROJECT_TEMPLATES) {
    const version = versionOfTemplate(template)
    for (const type of taskTypesOf(version.rubric)) {
      it(`${template.id} / ${type.name}: config passes the tag table, tasks with gold fit it`, () => {
        const xml = labelStudioConfig(version, type)
        const { config, problems } = parseConfig(xml)
        expect(problems).toEqual([])
        const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
        expect(validateTasks(config!, JSON.parse(JSON.stringify(tasks)))).toEqual([])
        // Every example of the type is a task, and every gold question of it produced a result.
        const examples = version.examples.filter((e) => (e.taskTypeId ?? type.id) === type.id)
        expect(tasks.map((t) => t.data.yardstick_example_id)).toEqual(examples.map((e) => e.id))
        for (const task of tasks) expect(task.annotations?.[0]?.result.length).toBeGreaterThan(0)
      })
    }
  }

  it('covers every criterion kind and content kind across the templates', () => {
    const tags = new Set<string>()
    for (const template of PROJECT_TEMPLATES) {
      const version = versionOfTemplate(template)
      for (const type of taskTypesOf(version.rubric)) {
        const { config } = parseConfig(labelStudioConfig(version, type))
        for (const tag of config!.named.values()) tags.add(tag.tag)
      }
    }
    expect([...tags].sort()).toEqual(
      [
        'Choices',
        'Image',
        'Labels',
        'Number',
        'Pairwise',
        'ParagraphLabels',
        'Paragraphs',
        'Text',
        'TextArea',
      ].sort(),
    )
  })
})

describe('Label Studio tasks', () => {
  const template = PROJECT_TEMPLATES.find((t) => t.id === 'hallucination-detection')!
  const version = versionOfTemplate(template)
  const type = pickTaskType(version, undefined)!

  it('carry no annotations without gold', () => {
    const tasks = labelStudioTasks(version, type, { gold: false, mediaUrl })
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) expect(task).not.toHaveProperty('annotations')
    expect(JSON.stringify(tasks)).not.toContain(template.examples[0]!.rationale)
  })

  it('mark spans with offsets that select the gold text', () => {
    const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
    const labels = tasks.flatMap((t) => t.annotations![0]!.result).filter((r) => r.type === 'labels')
    expect(labels.length).toBeGreaterThan(0)
    for (const r of labels) expect(r.value.text).not.toBe('')
  })

  it('media items point at the media route', () => {
    const media = PROJECT_TEMPLATES.find((t) => t.examples.some((e) => e.content.kind === 'media'))!
    const v = versionOfTemplate(media)
    const tasks = taskTypesOf(v.rubric).flatMap((t) => labelStudioTasks(v, t, { gold: false, mediaUrl }))
    const urls = tasks
      .flatMap((t) => Object.values(t.data))
      .filter((x) => String(x).startsWith('https://ys.example/api/projects/p1/media/'))
    expect(urls.length).toBeGreaterThan(0)
  })

  it('names controls with plain characters', () => {
    expect(controlName('crit.1@A')).toBe('crit_1_A')
  })
})

describe('Label Studio mappings the templates do not show', () => {
  it('an ordinal scale 1..k is a star Rating; N/A is a Choices beside it', () => {
    const template = structuredClone(PROJECT_TEMPLATES.find((t) => t.id === 'response-rating')!)
    for (const c of template.rubric.criteria)
      if (c.kind === 'ordinal') {
        c.levels = c.levels.map((l) => ({ ...l, value: l.value + 1 }))
        c.allowNA = true
      }
    for (const e of template.examples)
      for (const entry of Object.values(e.gold))
        entry.accepted = entry.accepted.map((v) => (typeof v === 'number' ? v + 1 : v))
    const first = template.examples[0]!
    first.gold[template.rubric.criteria[0]!.id]!.accepted = [{ na: true }]
    const version = versionOfTemplate(template)
    const type = taskTypesOf(version.rubric)[0]!
    const xml = labelStudioConfig(version, type)
    const { config, problems } = parseConfig(xml)
    expect(problems).toEqual([])
    expect(xml).toContain('<Rating name="rr-instructions" toName="response" maxRating="5"/>')
    const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
    expect(validateTasks(config!, JSON.parse(JSON.stringify(tasks)))).toEqual([])
    const results = tasks[0]!.annotations![0]!.result
    expect(results.find((r) => r.from_name === 'rr-instructions_na')?.value).toEqual({ choices: ['N/A'] })
    expect(results.filter((r) => r.type === 'rating').length).toBeGreaterThan(0)
  })

  it('a points criterion is a Number from 0 to its points; gold met awards the points, not met 0', () => {
    const template = PROJECT_TEMPLATES.find((t) => t.id === 'physician-points')!
    const version = versionOfTemplate(template)
    const type = taskTypesOf(version.rubric)[0]!
    const xml = labelStudioConfig(version, type)
    const { config, problems } = parseConfig(xml)
    expect(problems).toEqual([])
    const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
    expect(validateTasks(config!, JSON.parse(JSON.stringify(tasks)))).toEqual([])
    const points = version.rubric.criteria.filter((c) => c.kind === 'points')
    expect(points.length).toBeGreaterThan(1)
    for (const criterion of points) {
      if (criterion.kind !== 'points') continue
      const name = controlName(criterion.id)
      const [low, high] = [Math.min(0, criterion.points), Math.max(0, criterion.points)]
      expect(xml).toContain(`<Number name="${name}" toName=`)
      expect(xml).toMatch(
        new RegExp(
          `<Number name="${name}"[^>]* min="${low}" max="${high}" step="${Math.abs(criterion.points)}"`,
        ),
      )
      let checked = 0
      for (const example of template.examples) {
        const gold = example.gold[criterion.id]?.accepted[0]
        if (typeof gold !== 'boolean') continue
        const result = tasks
          .flatMap((task) => task.annotations![0]!.result)
          .find((r) => r.from_name === name && r.id.startsWith(`${example.id}-`))
        expect(result?.value).toEqual({ number: gold ? criterion.points : 0 })
        checked++
      }
      expect(checked).toBeGreaterThan(0)
    }
  })

  it('a pairwise tie is the Tie choice, a preference is left/right with its strength', () => {
    const template = structuredClone(PROJECT_TEMPLATES.find((t) => t.id === 'pairwise-preference')!)
    const version = versionOfTemplate(template)
    const type = taskTypesOf(version.rubric)[0]!
    const pairwise = version.rubric.criteria.find((c) => c.kind === 'pairwise')!
    if (pairwise.kind === 'pairwise') pairwise.allowTie = true
    const [a, b] = version.examples as typeof template.examples
    a!.gold[pairwise.id] = { accepted: [{ choice: 'tie' }], rationale: '' }
    b!.gold[pairwise.id] = { accepted: [{ choice: 'B', strength: 'clear' }], rationale: '' }
    const { config, problems } = parseConfig(labelStudioConfig(version, type))
    expect(problems).toEqual([])
    const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
    expect(validateTasks(config!, JSON.parse(JSON.stringify(tasks)))).toEqual([])
    const name = controlName(pairwise.id)
    const of = (i: number) => tasks[i]!.annotations![0]!.result
    expect(of(0).find((r) => r.from_name === `${name}_tie`)?.value).toEqual({ choices: ['Tie'] })
    expect(of(0).some((r) => r.type === 'pairwise')).toBe(false)
    expect(of(1).find((r) => r.type === 'pairwise')?.value).toEqual({ selected: 'right' })
    expect(of(1).find((r) => r.from_name === `${name}_strength`)?.value).toEqual({ choices: ['clear'] })
  })
})

describe('Label Studio names', () => {
  it('a criterion named like an object or the rationale box still gets a unique control name', () => {
    const template = structuredClone(PROJECT_TEMPLATES.find((t) => t.id === 'red-teaming')!)
    const renames = new Map([
      [template.rubric.criteria[0]!.id, 'response'],
      [template.rubric.criteria[1]!.id, 'rationale'],
      [template.rubric.criteria[2]!.id, 'prompt'],
    ])
    const rename = (id: string) => renames.get(id) ?? id
    for (const c of template.rubric.criteria) c.id = rename(c.id)
    for (const t of template.rubric.taskTypes ?? []) t.criterionIds = t.criterionIds.map(rename)
    for (const e of template.examples)
      e.gold = Object.fromEntries(Object.entries(e.gold).map(([k, v]) => [rename(k), v]))
    const version = versionOfTemplate(template)
    for (const type of taskTypesOf(version.rubric)) {
      const { config, problems } = parseConfig(labelStudioConfig(version, type))
      expect(problems).toEqual([])
      const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
      expect(validateTasks(config!, JSON.parse(JSON.stringify(tasks)))).toEqual([])
    }
  })
})

describe('the Label Studio validator', () => {
  const version = versionOfTemplate(PROJECT_TEMPLATES.find((t) => t.id === 'red-teaming')!)
  const type = taskTypesOf(version.rubric)[0]!
  const xml = labelStudioConfig(version, type)

  it('rejects unknown tags, missing and unknown attributes, wrong parents and dangling toName', () => {
    expect(
      parseConfig(xml.replace('<Choices ', '<Choicez ').replace('</Choices>', '</Choicez>')).problems.join(),
    ).toMatch(/Choicez> is not/)
    expect(parseConfig(xml.replace(/ toName="[^"]*"/, '')).problems.join()).toMatch(
      /needs the attribute toName/,
    )
    expect(parseConfig(xml.replace('<Choices ', '<Choices colour="red" ')).problems.join()).toMatch(
      /has no attribute colour/,
    )
    expect(parseConfig(xml.replace(/toName="response"/, 'toName="nowhere"')).problems.join()).toMatch(
      /not an object tag/,
    )
    expect(parseConfig(xml.replace('<View>', '<View><Choice value="x"/>')).problems.join()).toMatch(
      /may not be a child/,
    )
    expect(parseConfig('<View><Text name="a"></View>').problems.join()).toMatch(/not well-formed/)
  })

  it('rejects results that do not fit the config', () => {
    const { config } = parseConfig(xml)
    const tasks = labelStudioTasks(version, type, { gold: true, mediaUrl })
    const broken = JSON.parse(JSON.stringify(tasks))
    const first = broken[0].annotations[0].result[0]
    first.value = { choices: ['Not an option'] }
    expect(validateTasks(config!, broken).join()).toMatch(/is not an option/)
    first.from_name = 'nope'
    expect(validateTasks(config!, broken).join()).toMatch(/from_name is no control/)
    delete broken[0].data.response
    expect(validateTasks(config!, broken).join()).toMatch(/lacks data.response/)
  })
})
