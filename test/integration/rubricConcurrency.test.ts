/**
 * Two leads build the rubric and gold values concurrently through a real server, online and offline: every
 * replica converges to the same valid rubric with no duplicated or lost criteria and no orphan gold values,
 * and it survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, examplesMap, setGold } from '../../shared/ydoc/examplesDoc'
import {
  addCriterion,
  criterionText,
  deleteCriterion,
  moveCriterion,
  orderedCriteria,
  setCriterionField,
} from '../../shared/ydoc/rubricDoc'
import { createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const snapshot = (doc: Y.Doc) => JSON.stringify(readRubricWithExamples(doc))
const titles = (doc: Y.Doc) => readRubricWithExamples(doc).rubric.criteria.map((c) => c.title)

async function converged(clients: TestClient[]) {
  await waitFor(
    () => clients.every((c) => c.provider.synced && snapshot(c.doc) === snapshot(clients[0]!.doc)),
    {
      message: 'rubric replicas converge',
    },
  )
}

describe('rubric co-editing', () => {
  it('converges on concurrent adds, moves, edits, deletes and gold values, online and offline', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lena Lead')
    const a = connectClient(server.url, project, { user: owner })
    const b = connectClient(server.url, project, { user: lead })
    await Promise.all([waitForSynced(a), waitForSynced(b)])

    applyTemplate(a.doc, RUBRIC_TEMPLATES[0]!)
    await converged([a, b])
    const [helpfulness, accuracy, safe] = orderedCriteria(a.doc).map(([id]) => id) as [string, string, string]
    const exampleId = addExample(a.doc, {
      title: 'Paracetamol dose',
      text: { prompt: [{ type: 'paragraph', text: 'How much paracetamol can I take?' }] },
      gold: {
        [helpfulness]: { accepted: [2] },
        [accuracy]: { accepted: [1] },
        [safe]: { accepted: [false] },
      },
    })
    await converged([a, b])

    // Online, at the same moment: opposite moves, edits of the same description, a delete racing a gold edit.
    moveCriterion(a.doc, helpfulness, 2)
    moveCriterion(b.doc, safe, 0)
    criterionText(a.doc, accuracy, 'description')!.insert(0, '[A] ')
    const description = criterionText(b.doc, accuracy, 'description')!
    description.insert(description.length, ' [B]')
    deleteCriterion(b.doc, safe)
    setGold(a.doc, exampleId, safe, [true])
    await converged([a, b])
    expect(readRubricWithExamples(a.doc).rubric.criteria.find((c) => c.id === accuracy)?.description).toMatch(
      /^\[A\] .* \[B\]$/,
    )

    // Offline: B goes away and both keep working.
    b.provider.disconnect()
    const fromA = addCriterion(a.doc, {
      kind: 'binary',
      title: 'Cites a source',
      description: 'Names a guideline.',
    })
    setCriterionField(a.doc, accuracy, 'tolerance', 0)
    const fromB = addCriterion(
      b.doc,
      { kind: 'points', title: 'Mentions dose limit', description: '4 g/day', points: 5 },
      0,
    )
    moveCriterion(b.doc, accuracy, 0)
    setGold(b.doc, exampleId, helpfulness, [3])
    setGold(b.doc, exampleId, fromB, [true])
    expect(titles(a.doc)).not.toContain('Mentions dose limit')
    b.provider.connect()
    await converged([a, b])

    const result = readRubricWithExamples(a.doc)
    expect(RubricWithExamples.safeParse(result).success).toBe(true)
    const ids = result.rubric.criteria.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([helpfulness, accuracy, fromA, fromB].sort())
    const example = result.examples.find((e) => e.id === exampleId)!
    expect(Object.keys(example.gold).every((id) => ids.includes(id))).toBe(true)
    expect(example.gold[helpfulness]?.accepted).toEqual([3])
    expect(example.gold[fromB]?.accepted).toEqual([true])
    expect(example.gold[safe]).toBeUndefined()
    expect(result.rubric.criteria.find((c) => c.id === accuracy)).toMatchObject({
      kind: 'ordinal',
      tolerance: 0,
    })
    expect(examplesMap(a.doc).size).toBe(1)

    // A late joiner after a restart reads exactly the same rubric.
    const expected = snapshot(a.doc)
    destroyAllClients()
    const dataDir = server.dataDir
    await server.stop()
    const restarted = await startTestServer({ dataDir })
    const c = connectClient(restarted.url, project, { user: owner })
    await waitForSynced(c)
    expect(snapshot(c.doc)).toBe(expected)
  })
})
