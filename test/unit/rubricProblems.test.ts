/** The live rubric checks: a clean rubric has no problems; each defect is reported once, on the right item. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fixFor } from '../../shared/rubric/problemFixes'
import { findProblems, hasErrors, type Problem } from '../../shared/rubric/problems'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, clearGold, setGold } from '../../shared/ydoc/examplesDoc'
import {
  addCriterion,
  addLabel,
  addLevel,
  criterionText,
  labelEntries,
  levelEntries,
  orderedCriteria,
  orderedLevels,
  readRubric,
  removeLevel,
  setCriterionField,
  setPassThreshold,
} from '../../shared/ydoc/rubricDoc'

function cleanDraft() {
  const doc = new Y.Doc()
  applyTemplate(doc, RUBRIC_TEMPLATES[0]!)
  const [help, acc, safe] = orderedCriteria(doc).map(([id]) => id) as [string, string, string]
  const example = addExample(doc, {
    title: 'Dose question',
    text: {
      prompt: [{ type: 'paragraph', text: 'How much?' }],
      response: [{ type: 'paragraph', text: '1 g' }],
    },
    gold: { [help]: { accepted: [3] }, [acc]: { accepted: [4] }, [safe]: { accepted: [true] } },
  })
  return { doc, help, acc, safe, example }
}

const codes = (doc: Y.Doc) => findProblems(readRubricWithExamples(doc)).map((p) => p.code)

describe('findProblems', () => {
  it('finds nothing wrong with a complete rubric and example', () => {
    const { doc } = cleanDraft()
    expect(findProblems(readRubricWithExamples(doc))).toEqual([])
    expect(RubricWithExamples.safeParse(readRubricWithExamples(doc)).success).toBe(true)
  })

  it('every template is a valid rubric on its own', () => {
    for (const template of RUBRIC_TEMPLATES) {
      const doc = new Y.Doc()
      applyTemplate(doc, template)
      const draft = readRubricWithExamples(doc)
      expect(RubricWithExamples.safeParse(draft).success, template.id).toBe(true)
      expect(findProblems(draft), template.id).toEqual([])
      expect(draft.rubric.criteria).toHaveLength(template.criteria.length)
    }
  })

  it('reports a missing gold value until it is filled in', () => {
    const { doc, safe, example } = cleanDraft()
    clearGold(doc, example, safe)
    const problems = findProblems(readRubricWithExamples(doc))
    expect(problems).toEqual([
      expect.objectContaining({ code: 'gold_missing', exampleId: example, criterionId: safe }),
    ])
    expect(hasErrors(problems)).toBe(true)
    setGold(doc, example, safe, [false])
    expect(codes(doc)).toEqual([])
  })

  it('reports gold values out of scale, including after a kind switch', () => {
    const { doc, help, safe, example } = cleanDraft()
    setGold(doc, example, help, [7])
    expect(codes(doc)).toEqual(['gold_out_of_scale'])
    setGold(doc, example, help, [3])
    setCriterionField(doc, safe, 'kind', 'ordinal')
    expect(codes(doc)).toEqual(expect.arrayContaining(['ordinal_too_few_levels', 'gold_out_of_scale']))
  })

  it('reports criteria without title, description or levels, duplicate titles and empty examples', () => {
    const { doc, help, acc } = cleanDraft()
    const title = criterionText(doc, acc, 'title')!
    title.delete(0, title.length)
    title.insert(0, 'helpfulness ')
    const description = criterionText(doc, help, 'description')!
    description.delete(0, description.length)
    for (const [levelId] of orderedLevels(doc, help).slice(1)) removeLevel(doc, help, levelId)
    addLevel(doc, help, { value: 1, label: 'Dup', descriptor: '' })
    addCriterion(doc, { kind: 'label' })
    addExample(doc, { title: '' })
    expect(new Set(codes(doc))).toEqual(
      new Set([
        'criterion_duplicate_title',
        'criterion_no_description',
        'ordinal_duplicate_level',
        'ordinal_level_no_descriptor',
        'criterion_untitled',
        'label_no_labels',
        'gold_missing',
        // The first example's gold 3 no longer exists on the reduced scale.
        'gold_out_of_scale',
        'example_untitled',
        'example_no_content',
      ]),
    )
  })
})

/** Applies the one-click fix of the only problem with this code, as the Checks list would. */
function applyFix(doc: Y.Doc, code: Problem['code']) {
  const problems = findProblems(readRubricWithExamples(doc)).filter((p) => p.code === code)
  expect(problems).toHaveLength(1)
  const fix = fixFor(doc, problems[0]!)
  expect(fix, code).not.toBeNull()
  fix!.apply(doc)
  return fix!.label
}

describe('checks that say what is meaningless', () => {
  it('reports an ordinal tolerance covering the whole scale and fixes it to 1 (or range − 1)', () => {
    const { doc, help } = cleanDraft()
    setCriterionField(doc, help, 'tolerance', 3)
    expect(codes(doc)).toEqual([])
    setCriterionField(doc, help, 'tolerance', 4)
    const problems = findProblems(readRubricWithExamples(doc))
    expect(problems).toEqual([
      expect.objectContaining({ code: 'ordinal_tolerance_too_wide', criterionId: help, severity: 'error' }),
    ])
    expect(applyFix(doc, 'ordinal_tolerance_too_wide')).toBe('Set the tolerance to 1')
    expect(readRubric(doc).criteria.find((c) => c.id === help)).toMatchObject({ tolerance: 1 })
    expect(codes(doc)).toEqual([])
    // A two-level scale (range 1): tolerance 1 would still accept everything, so the fix proposes 0.
    for (const level of levelEntries(doc, help).filter((l) => l.value > 2)) removeLevel(doc, help, level.id)
    expect(codes(doc)).toContain('ordinal_tolerance_too_wide')
    expect(applyFix(doc, 'ordinal_tolerance_too_wide')).toBe('Set the tolerance to 0')
    expect(codes(doc)).not.toContain('ordinal_tolerance_too_wide')
  })

  it('reports a 0 % pass threshold (even 0.4 %) and fixes it to 80 %', () => {
    const { doc } = cleanDraft()
    setPassThreshold(doc, 0.01)
    expect(codes(doc)).toEqual([])
    setPassThreshold(doc, 0.004)
    expect(codes(doc)).toEqual(['pass_threshold_zero'])
    setPassThreshold(doc, 0)
    expect(hasErrors(findProblems(readRubricWithExamples(doc)))).toBe(true)
    expect(applyFix(doc, 'pass_threshold_zero')).toBe('Set the pass threshold to 80 %')
    expect(readRubric(doc).passThreshold).toBe(0.8)
    expect(codes(doc)).toEqual([])
  })

  it('reports a repeated label (trimmed, any case) and removes the later one, keeping it passing', () => {
    const { doc, safe, example } = cleanDraft()
    setCriterionField(doc, safe, 'kind', 'label')
    addLabel(doc, safe, { value: 'Spam', description: 'Unwanted' })
    addLabel(doc, safe, { value: 'Ham', description: '' })
    setGold(doc, example, safe, ['Spam'])
    expect(codes(doc)).toEqual([])
    addLabel(doc, safe, { value: ' spam', description: '' }, true)
    const problems = findProblems(readRubricWithExamples(doc))
    expect(problems).toEqual([expect.objectContaining({ code: 'label_duplicate', criterionId: safe })])
    expect(problems[0]!.message).toContain('“spam”')
    applyFix(doc, 'label_duplicate')
    expect(labelEntries(doc, safe).map(({ value, passing }) => ({ value, passing }))).toEqual([
      { value: 'Spam', passing: true },
      { value: 'Ham', passing: false },
    ])
    expect(codes(doc)).toEqual([])
  })

  it('renumbers a repeated ordinal level above the scale without losing its text', () => {
    const { doc, help } = cleanDraft()
    addLevel(doc, help, { value: 2, label: 'Again', descriptor: 'A second two' })
    expect(codes(doc)).toEqual(['ordinal_duplicate_level'])
    expect(applyFix(doc, 'ordinal_duplicate_level')).toBe('Renumber the repeated level')
    expect(levelEntries(doc, help).map((l) => l.value)).toEqual([1, 2, 3, 4, 5, 6])
    expect(readRubric(doc).criteria.find((c) => c.id === help)).toMatchObject({
      levels: expect.arrayContaining([expect.objectContaining({ value: 6, label: 'Again' })]),
    })
    expect(codes(doc)).toEqual([])
  })

  it('reports a pass no answer set can reach: only weight-0 criteria have gold', () => {
    const { doc, help, acc, safe, example } = cleanDraft()
    setCriterionField(doc, help, 'weight', 0)
    setCriterionField(doc, acc, 'weight', 0)
    expect(codes(doc)).toEqual(['weight_zero', 'weight_zero'])
    clearGold(doc, example, safe)
    expect(new Set(codes(doc))).toEqual(new Set(['weight_zero', 'gold_missing', 'pass_unreachable']))
    expect(applyFix(doc, 'pass_unreachable')).toBe('Give weight 1 to the criteria with gold')
    expect(codes(doc)).toEqual(['gold_missing'])
    // Every weight 0 is its own check (not reported twice), with its own fix.
    for (const id of [help, acc, safe]) setCriterionField(doc, id, 'weight', 0)
    expect(codes(doc)).not.toContain('pass_unreachable')
    applyFix(doc, 'weights_all_zero')
    expect(readRubric(doc).criteria.map((c) => c.weight)).toEqual([1, 1, 1])
  })

  it('a minimum agreement and a 100 % threshold stay reachable; missing text has no fix', () => {
    const { doc, help } = cleanDraft()
    setCriterionField(doc, help, 'minAgreement', 1)
    setPassThreshold(doc, 1)
    expect(codes(doc)).toEqual([])
    const description = criterionText(doc, help, 'description')!
    description.delete(0, description.length)
    const [problem] = findProblems(readRubricWithExamples(doc))
    expect(fixFor(doc, problem!)).toBeNull()
  })
})
