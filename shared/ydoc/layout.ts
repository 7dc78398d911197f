/**
 * The layout of a project's draft Y.Doc: root names and typed accessors. This is the only code that knows
 * the keys; components and services go through these helpers.
 */
import type * as Y from 'yjs'

export const DraftRoot = {
  /** The guideline text: a ProseMirror document as TipTap's Collaboration extension stores it. */
  guideline: 'guideline',
  /** Document-level metadata (e.g. the seed marker). */
  meta: 'meta',
  /** Rubric title and instructions (root Y.Texts, so concurrent first edits never conflict). */
  rubricTitle: 'rubricTitle',
  rubricInstructions: 'rubricInstructions',
  /** Rubric scalar settings (pass threshold). */
  rubricSettings: 'rubricSettings',
  /** Criteria by id; each a Y.Map ordered by its fractional `order` key. */
  criteria: 'criteria',
  /** Calibration examples by id. */
  examples: 'examples',
  /**
   * Task types by id: Y.Map{ id, name: Y.Text, contentKind, order: fractional key, criteria: Y.Map<criterionId,
   * true> }. Empty in drafts written before task types (then the rubric has one implicit task type).
   */
  taskTypes: 'taskTypes',
} as const

/** The guideline node that embeds a calibration example, and its attribute naming the example. */
export const EXAMPLE_NODE = 'calibrationExample'
export const EXAMPLE_ID_ATTR = 'exampleId'
/** Headings carry a stable section id in this attribute (TipTap UniqueID). */
export const SECTION_ID_ATTR = 'sectionId'

export function guidelineFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DraftRoot.guideline)
}

export function draftMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(DraftRoot.meta)
}
