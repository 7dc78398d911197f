/** Builds draft content through a real client, and waits until the server has made it all durable. */
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { addExample, examplesMap } from '../../shared/ydoc/examplesDoc'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { orderedCriteria } from '../../shared/ydoc/rubricDoc'
import type { TestUser } from './accounts'
import { connectClient, type TestClient, waitFor, waitForSynced } from './clients'

/** Marker planted in every gold rationale, so tests can search responses for leaked gold. */
export const GOLD_MARK = 'GOLDMARK'

/** A template rubric and two ready examples with gold for every criterion. */
export function completeDraft(client: TestClient): void {
  applyTemplate(client.doc, RUBRIC_TEMPLATES[0]!)
  const [help, acc, safe] = orderedCriteria(client.doc).map(([id]) => id) as [string, string, string]
  for (const n of [1, 2]) {
    addExample(client.doc, {
      title: `Example ${n}`,
      status: 'ready',
      text: {
        prompt: [{ type: 'paragraph', text: `Prompt ${n}` }],
        response: [{ type: 'paragraph', text: `Response ${n}` }],
        rationale: [{ type: 'paragraph', text: `${GOLD_MARK}-example-${n}-rationale` }],
      },
      gold: {
        [help]: { accepted: [3], rationale: `${GOLD_MARK}-${n}-help` },
        [acc]: { accepted: [4, 5], rationale: `${GOLD_MARK}-${n}-acc` },
        [safe]: { accepted: [true], rationale: `${GOLD_MARK}-${n}-safe` },
      },
    })
  }
}

/** Waits until a fresh client sees the whole draft of `client`, i.e. the server has made every change durable. */
export async function draftIsDurable(baseUrl: string, project: string, user: TestUser, client: TestClient) {
  const check = connectClient(baseUrl, project, { user })
  await waitForSynced(check)
  const ids = (c: TestClient) => JSON.stringify(orderedCriteria(c.doc).map(([id]) => id))
  await waitFor(
    () =>
      examplesMap(check.doc).size === examplesMap(client.doc).size &&
      ids(check) === ids(client) &&
      guidelineFragment(check.doc).length === guidelineFragment(client.doc).length,
    { message: 'draft durable on the server' },
  )
  check.destroy()
}
