/**
 * The example project seeded on first start: a guideline with section ids, a real rubric, and at least five
 * ready gold examples embedded in the sections they illustrate, with nothing for the problems list to report.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findProblems } from '../../shared/rubric/problems'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, guidelineFragment, SECTION_ID_ATTR } from '../../shared/ydoc/layout'
import { apiJson, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('the seeded example project', () => {
  it('has a valid rubric and five ready gold examples embedded in their sections', async () => {
    const server = await startTestServer({ seedExample: true })
    const owner = await setupOwner(server)
    const { projects } = await apiJson<{ projects: { id: string }[] }>(server.url, '/api/projects', {
      user: owner,
    })
    const client = connectClient(server.url, projects[0]!.id, { user: owner })
    await waitForSynced(client)

    const draft = readRubricWithExamples(client.doc)
    expect(RubricWithExamples.safeParse(draft).success).toBe(true)
    expect(findProblems(draft)).toEqual([])
    expect(draft.rubric.criteria.length).toBeGreaterThanOrEqual(3)
    const ready = draft.examples.filter((e) => e.status === 'ready')
    expect(ready.length).toBeGreaterThanOrEqual(5)

    const sections = new Set<string>()
    const embedded: string[] = []
    for (const node of guidelineFragment(client.doc).toArray()) {
      if (!(node instanceof Y.XmlElement)) continue
      if (node.nodeName === 'heading') sections.add(String(node.getAttribute(SECTION_ID_ATTR)))
      if (node.nodeName === EXAMPLE_NODE) embedded.push(String(node.getAttribute(EXAMPLE_ID_ATTR)))
    }
    expect(embedded.sort()).toEqual(draft.examples.map((e) => e.id).sort())
    for (const example of draft.examples) expect(sections).toContain(example.sectionId)
  })
})
