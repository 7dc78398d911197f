/**
 * Diffs on known fixtures: a renamed criterion, a changed level descriptor, a changed gold value, and
 * inserted, deleted and edited paragraphs each show up exactly once and in the right place.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffGuidelines } from '../../shared/diff/guidelineDiff'
import { diffRubrics } from '../../shared/diff/rubricDiff'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks, type Block } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { criterionText, orderedCriteria, orderedLevels } from '../../shared/ydoc/rubricDoc'

const guideline = (blocks: Block[]) => {
  const doc = new Y.Doc()
  appendBlocks(guidelineFragment(doc), blocks)
  return yXmlFragmentToProsemirrorJSON(guidelineFragment(doc))
}

describe('diffGuidelines', () => {
  it('shows an inserted, a deleted and an edited paragraph once each, in place', () => {
    const before = guideline([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Keep this.' },
      { type: 'paragraph', text: 'Remove this paragraph.' },
      { type: 'paragraph', text: 'Concise means short.' },
      { type: 'paragraph', text: 'The end.' },
    ])
    const after = guideline([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Keep this.' },
      { type: 'paragraph', text: 'Concise means no needless words.' },
      { type: 'paragraph', text: 'A brand new rule.' },
      { type: 'paragraph', text: 'The end.' },
    ])
    const diff = diffGuidelines(before, after)
    expect(diff.map((d) => d.kind)).toEqual(['equal', 'equal', 'deleted', 'changed', 'inserted', 'equal'])
    expect(diff[2]).toMatchObject({ kind: 'deleted', text: 'Remove this paragraph.' })
    expect(diff[4]).toMatchObject({ kind: 'inserted', text: 'A brand new rule.' })
    const changed = diff[3]!
    if (changed.kind !== 'changed') throw new Error('expected a changed block')
    expect(changed.words.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(['short'])
    expect(
      changed.words
        .filter((w) => w.added)
        .map((w) => w.value)
        .join(''),
    ).toContain('no needless words')
  })

  it('reports nothing for identical documents', () => {
    const doc = guideline([{ type: 'paragraph', text: 'Same' }])
    expect(diffGuidelines(doc, doc).every((d) => d.kind === 'equal')).toBe(true)
  })
})

describe('diffRubrics', () => {
  function draft() {
    const doc = new Y.Doc()
    applyTemplate(doc, RUBRIC_TEMPLATES[0]!)
    const [help, acc, safe] = orderedCriteria(doc).map(([id]) => id) as [string, string, string]
    const example = addExample(doc, {
      id: 'ex1',
      title: 'Dose',
      gold: { [help]: { accepted: [3] }, [acc]: { accepted: [4] }, [safe]: { accepted: [true] } },
    })
    return { doc, help, acc, safe, example }
  }

  it('reports a rename, a descriptor change and a gold change exactly once each', () => {
    const { doc, help, acc, example } = draft()
    const before = readRubricWithExamples(doc)
    const title = criterionText(doc, help, 'title')!
    title.delete(0, title.length)
    title.insert(0, 'Usefulness')
    const [, levelTwo] = orderedLevels(doc, acc)[1]!
    ;(levelTwo.get('descriptor') as Y.Text).insert(0, 'Clearly ')
    setGold(doc, example, acc, [2])
    const changes = diffRubrics(before, readRubricWithExamples(doc), true)
    expect(changes).toEqual([
      { type: 'criterion_renamed', criterionId: help, before: 'Helpfulness', after: 'Usefulness' },
      expect.objectContaining({ type: 'level_changed', criterionId: acc, value: 2, field: 'descriptor' }),
      expect.objectContaining({
        type: 'gold_changed',
        exampleId: example,
        criterionId: acc,
        before: '4 — Good',
        after: '2 — Poor',
      }),
    ])
    // Without gold (annotators), the gold change is not reported.
    expect(diffRubrics(before, readRubricWithExamples(doc), false).map((c) => c.type)).toEqual([
      'criterion_renamed',
      'level_changed',
    ])
  })
})
