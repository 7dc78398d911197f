/**
 * The variant of a published version each reader receives. Owners and leads: everything, gold included.
 * Reviewers: every example without gold. Annotators and read tokens: no held-out calibration item anywhere
 * (examples, guideline document, HTML, Markdown) — teaching examples with their gold as worked examples,
 * and examples of versions published before roles existed as before (shown, without gold).
 */
import type { JSONContent } from '@tiptap/core'
import { isHeldOut } from '../../shared/rubric/calibrationPool'
import type { PublicExample, VersionJson } from '../../shared/schema/version'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE } from '../../shared/ydoc/layout'
import { withoutGold } from './buildVersion'
import { renderGuidelineHtml, renderGuidelineMarkdown } from './renderGuideline'

export type Audience = 'gold' | 'staff' | 'annotator'

/** The guideline document without the embedded blocks of the given examples. */
function withoutExamples(node: JSONContent, hidden: Set<string>): JSONContent {
  if (!node.content) return node
  return {
    ...node,
    content: node.content
      .filter((child) => !(child.type === EXAMPLE_NODE && hidden.has(String(child.attrs?.[EXAMPLE_ID_ATTR]))))
      .map((child) => withoutExamples(child, hidden)),
  }
}

/**
 * What annotators and read tokens may see of a version, before any rendering: the examples (no held-out item,
 * gold only of teaching examples) and the guideline document without held-out example blocks (null: unchanged).
 */
export function annotatorContent(version: VersionJson): {
  examples: VersionJson['examples']
  doc: JSONContent | null
} {
  const hidden = new Set(version.examples.filter(isHeldOut).map((e) => e.id))
  const examples = version.examples
    .filter((e) => !hidden.has(e.id))
    .map((e) => (e.role === 'teaching' ? e : withoutGold(e)))
  const doc = hidden.size === 0 ? null : withoutExamples(version.guideline.doc as JSONContent, hidden)
  return { examples, doc }
}

function annotatorVariant(version: VersionJson): VersionJson {
  const { examples, doc } = annotatorContent(version)
  if (!doc) return { ...version, includesGold: false, examples }
  const shown = new Map<string, PublicExample>(examples.map((e) => [e.id, withoutGold(e)]))
  return {
    ...version,
    includesGold: false,
    guideline: {
      ...version.guideline,
      doc: doc as Record<string, unknown>,
      html: renderGuidelineHtml(doc, shown, version.project.id),
      markdown: renderGuidelineMarkdown(doc, shown, version.project.id),
    },
    examples,
  }
}

export function variantFor(version: VersionJson, audience: Audience): VersionJson {
  if (audience === 'gold') return version
  if (audience === 'staff')
    return { ...version, includesGold: false, examples: version.examples.map(withoutGold) }
  return annotatorVariant(version)
}

const cache = new Map<string, string>()
const CACHE_LIMIT = 200

/**
 * The variant as the exact bytes to send, kept for recently asked versions (a version never changes, and
 * re-rendering a guideline without its held-out items is the expensive part).
 */
export function variantBody(key: string, json: string, audience: Audience): string {
  if (audience === 'gold') return json
  const cacheKey = `${key}\u0000${audience}`
  const hit = cache.get(cacheKey)
  if (hit !== undefined) return hit
  const body = JSON.stringify(variantFor(JSON.parse(json) as VersionJson, audience))
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(cacheKey, body)
  return body
}
