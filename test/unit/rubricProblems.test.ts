/** The live rubric checks: a clean rubric has no problems; each defect is reported once, on the right item. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findProblems, hasErrors } from '../../shared/rubric/problems'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, clearGold, setGold } from '../../shared/ydoc/examplesDoc'
import {
  addCriterion,
  addLevel,
  criterionText,
  orderedCriteria,
  orderedLevels,
  removeLevel,
  setCriterionField,
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
