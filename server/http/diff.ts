/** The diff between two versions, or a version and the live draft: guideline blocks and structured rubric changes. */
import type { JSONContent } from '@tiptap/core'
import { Hono } from 'hono'
import { can } from '../../shared/auth/permissions'
import { diffGuidelines } from '../../shared/diff/guidelineDiff'
import { diffRubrics } from '../../shared/diff/rubricDiff'
import type { RubricWithExamples } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { authorize } from '../auth/access'
import { guidelineJson } from '../publish/buildVersion'
import type { Store } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound } from './errors'
import { loadDraftDoc } from './versions'

interface Side {
  guideline: JSONContent
  content: RubricWithExamples
}

async function side(store: Store, projectId: string, ref: string): Promise<Side> {
  if (ref === 'draft') {
    const doc = await loadDraftDoc(store, projectId)
    const result = { guideline: guidelineJson(doc), content: readRubricWithExamples(doc) }
    doc.destroy()
    return result
  }
  const stored =
    ref === 'latest' ? await store.latestVersion(projectId) : await store.getVersion(projectId, ref)
  if (!stored) throw notFound(`version ${ref}`)
  const json = JSON.parse(stored.json) as VersionJson
  return {
    guideline: json.guideline.doc as JSONContent,
    content: { rubric: json.rubric, examples: json.examples as RubricWithExamples['examples'] },
  }
}

export function diffRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/:id/diff', async (c) => {
    const projectId = c.req.param('id')
    const from = c.req.query('from')
    const to = c.req.query('to') ?? 'draft'
    if (!from)
      throw new ApiFailure(
        400,
        'invalid_query',
        'give the versions to compare: ?from=1.0.0&to=1.1.0 (or to=draft)',
      )
    const involvesDraft = from === 'draft' || to === 'draft'
    const { role } = await authorize(c, store, projectId, involvesDraft ? 'draft.read' : 'versions.view')
    const [before, after] = await Promise.all([side(store, projectId, from), side(store, projectId, to)])
    return c.json({
      from,
      to,
      guideline: diffGuidelines(before.guideline, after.guideline),
      rubric: diffRubrics(before.content, after.content, can(role, 'versions.gold')),
    })
  })
  app.all('/:id/diff', methodNotAllowed(['GET']))
  return app
}
