/**
 * Builds the immutable JSON of a published version from the draft's Yjs state: the guideline normalised
 * through the editor schema (anything the schema does not allow is dropped) and rendered to HTML and
 * Markdown, the rubric and examples validated by the shared schemas (variants per reader: audienceVariant.ts).
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { examplesWithMediaUrls } from '../../shared/content/mediaUrls'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { type PublicExample, VERSION_FORMAT, type VersionJson } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { guidelineFragment, SECTION_ID_ATTR } from '../../shared/ydoc/layout'
import { renderGuidelineHtml, renderGuidelineMarkdown, withMediaUrls } from './renderGuideline'

const schema = getSchema(guidelineSchemaExtensions())

export interface VersionMeta {
  project: { id: string; name: string }
  version: string
  publishedAt: string
  publishedBy: { id: string; name: string }
  changelog: string
  openThreadsAtPublish: number
}

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, state)
  return doc
}

/** The guideline as TipTap JSON, normalised through the schema. */
export function guidelineJson(doc: Y.Doc): JSONContent {
  // Work on a copy: normalising may delete elements the schema rejects.
  const copy = docFromState(Y.encodeStateAsUpdate(doc))
  const json = yXmlFragmentToProseMirrorRootNode(guidelineFragment(copy), schema).toJSON() as JSONContent
  copy.destroy()
  return json
}

export function sectionsOf(doc: JSONContent): VersionJson['guideline']['sections'] {
  return (doc.content ?? [])
    .filter((node) => node.type === 'heading' && node.attrs?.[SECTION_ID_ATTR])
    .map((node) => ({
      id: String(node.attrs![SECTION_ID_ATTR]),
      title: (node.content ?? []).map((t) => t.text ?? '').join(''),
      level: Number(node.attrs!.level ?? 1),
    }))
}

export const withoutGold = ({
  gold: _gold,
  rationale: _rationale,
  ...rest
}: VersionJson['examples'][number] & { gold?: unknown; rationale?: unknown }): PublicExample =>
  rest as PublicExample

/** The full version JSON (with gold). Throws when the draft does not validate. */
export function buildVersionJson(doc: Y.Doc, meta: VersionMeta): VersionJson {
  const draft = RubricWithExamples.parse(readRubricWithExamples(doc))
  const guideline = guidelineJson(doc)
  const examples = examplesWithMediaUrls(draft.examples, meta.project.id)
  const publicExamples = new Map(examples.map((e) => [e.id, withoutGold(e)]))
  return {
    format: VERSION_FORMAT,
    ...meta,
    guideline: {
      doc: withMediaUrls(guideline, meta.project.id) as Record<string, unknown>,
      html: renderGuidelineHtml(guideline, publicExamples, meta.project.id),
      markdown: renderGuidelineMarkdown(guideline, publicExamples, meta.project.id),
      sections: sectionsOf(guideline),
    },
    rubric: draft.rubric,
    includesGold: true,
    examples,
  }
}
