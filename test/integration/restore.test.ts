/**
 * Restoring a published version into the live draft: both connected clients see the restored content live,
 * the restore is one new change, and the restoring client's undo brings the edited draft back everywhere.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { draftScope, restoreSnapshot } from '../../shared/ydoc/restore'
import { criterionText, deleteCriterion, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { api, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const state = (doc: Y.Doc) =>
  JSON.stringify({ text: guidelineFragment(doc).toString(), draft: readRubricWithExamples(doc) })

describe('restoring a version', () => {
  it('is seen live by everyone and can be undone', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Leah Lead')
    const a = connectClient(server.url, project, { user: owner })
    const b = connectClient(server.url, project, { user: lead })
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    completeDraft(a)
    await draftIsDurable(server.url, project, owner, a)
    expect(
      (
        await api(server.url, `/api/projects/${project}/versions`, {
          user: owner,
          body: { bump: 'major', changelog: 'v1' },
        })
      ).status,
    ).toBe(201)
    const published = state(a.doc)

    // Edit the draft after publishing.
    const [first, second] = orderedCriteria(a.doc).map(([id]) => id) as [string, string]
    criterionText(a.doc, first, 'title')!.insert(0, 'Changed ')
    deleteCriterion(a.doc, second)
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Added after 1.0.0')])
    guidelineFragment(a.doc).push([p])
    await waitFor(() => state(b.doc) === state(a.doc))
    const edited = state(a.doc)
    expect(edited).not.toBe(published)

    const response = await api(server.url, `/api/projects/${project}/versions/1.0.0/snapshot`, {
      user: owner,
    })
    const snapshot = new Uint8Array(await response.arrayBuffer())
    const origin = { restore: '1.0.0' }
    const undo = new Y.UndoManager(draftScope(a.doc), { trackedOrigins: new Set([origin]) })
    restoreSnapshot(a.doc, snapshot, origin)
    expect(state(a.doc)).toBe(published)
    await waitFor(() => state(b.doc) === published, { message: 'B sees the restored version live' })

    undo.undo()
    expect(state(a.doc)).toBe(edited)
    await waitFor(() => state(b.doc) === edited, { message: 'B sees the undo' })
    undo.redo()
    await waitFor(() => state(b.doc) === published, { message: 'B sees the redo' })
  })
})
