/**
 * Seeds documents on the server (never through the editor's `content` option): the example project a
 * newcomer sees on first start, the opening heading of every new blank project, and projects made from a
 * template (shared/templates).
 */
import * as Y from 'yjs'
import type { TemplateJson } from '../../shared/templates/templateSchema'
import { writeDraftFromData } from '../../shared/ydoc/draftFromData'
import { addExample } from '../../shared/ydoc/examplesDoc'
import { appendBlocks, type Block } from '../../shared/ydoc/guidelineBuilder'
import { draftMeta, guidelineFragment } from '../../shared/ydoc/layout'
import {
  addCriterion,
  rubricInstructions,
  rubricTitle,
  setAttemptSettings,
  setPassThreshold,
} from '../../shared/ydoc/rubricDoc'
import type { ProjectRecord, Store } from '../storage/store'
import { exampleGuideline } from './exampleGuideline'
import { exampleExamples, exampleRubric } from './exampleRubric'
import { heldOutExamples } from './heldOutExamples'

export const EXAMPLE_PROJECT_NAME = 'Medical QA — helpfulness & safety'

async function writeDraft(
  store: Store,
  projectId: string,
  blocks: Block[],
  fill?: (doc: Y.Doc) => void,
): Promise<void> {
  const doc = new Y.Doc()
  doc.transact(() => {
    appendBlocks(guidelineFragment(doc), blocks)
    draftMeta(doc).set('seededAt', new Date().toISOString())
    fill?.(doc)
  })
  await store.appendUpdates([{ doc: projectId, data: Y.encodeStateAsUpdate(doc) }])
  doc.destroy()
}

export async function seedNewProjectDoc(store: Store, project: ProjectRecord): Promise<void> {
  await writeDraft(store, project.id, [
    { type: 'heading', level: 1, text: project.name },
    { type: 'paragraph', text: '' },
  ])
}

/** Seeds a new project's draft from a template: its guideline, rubric with task types, and gold examples. */
export async function seedProjectFromTemplate(
  store: Store,
  project: ProjectRecord,
  template: TemplateJson,
): Promise<void> {
  await writeDraft(store, project.id, [], (doc) => {
    draftMeta(doc).set('template', template.id)
    writeDraftFromData(doc, template)
  })
}

/** Creates the example project when the database has no project at all. Returns it, or null. */
export async function seedExampleProjectIfEmpty(
  store: Store,
  newId: () => string,
): Promise<ProjectRecord | null> {
  if ((await store.countProjects()) > 0) return null
  const project = await store.createProject({ id: newId(), name: EXAMPLE_PROJECT_NAME })
  await writeDraft(store, project.id, exampleGuideline, (doc) => {
    rubricTitle(doc).insert(0, exampleRubric.title)
    rubricInstructions(doc).insert(0, exampleRubric.instructions)
    setPassThreshold(doc, exampleRubric.passThreshold)
    for (const criterion of exampleRubric.criteria) addCriterion(doc, criterion)
    for (const example of [...exampleExamples, ...heldOutExamples]) addExample(doc, example)
    // Six held-out items, four per attempt: a retake can draw items it has not seen.
    setAttemptSettings(doc, { itemsPerAttempt: 4, minPerSection: 0, showSectionHint: false })
  })
  return project
}
