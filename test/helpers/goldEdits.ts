/** A draft with gold written by its owner, and reading the gold edit log, for the gold edit log's tests. */
import type * as Y from 'yjs'
import type { GoldEditEntry, GoldEditList } from '../../shared/schema/goldEditLog'
import { examplesMap } from '../../shared/ydoc/examplesDoc'
import { orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from './accounts'
import { connectClient, type TestClient, waitFor, waitForSynced } from './clients'
import { completeDraft, draftIsDurable } from './drafts'

export interface Setup {
  url: string
  project: string
  owner: TestUser
  owners: TestClient
  exampleId: string
  otherExampleId: string
  criterionId: string
}

/** A project whose owner wrote a complete draft (two examples; gold [3] for the first criterion). */
export async function draftWithGold(url: string, setupUrl: string | null): Promise<Setup> {
  const owner = await setupOwner({ url, setupUrl })
  const project = await createProject(url, owner)
  const owners = connectClient(url, project, { user: owner })
  await waitForSynced(owners)
  completeDraft(owners)
  await draftIsDurable(url, project, owner, owners)
  const [exampleId, otherExampleId] = [...examplesMap(owners.doc).keys()] as [string, string]
  const [criterionId] = orderedCriteria(owners.doc).map(([id]) => id) as [string]
  return { url, project, owner, owners, exampleId, otherExampleId, criterionId }
}

export async function editsOf(s: Setup, query = `?exampleId=${s.exampleId}`): Promise<GoldEditEntry[]> {
  return (
    await apiJson<GoldEditList>(s.url, `/api/projects/${s.project}/gold-edits${query}`, { user: s.owner })
  ).edits
}

/** The rows of `user` for the setup's example, oldest first, once `done` holds for them. */
export async function rowsOf(s: Setup, user: TestUser, done: (rows: GoldEditEntry[]) => boolean) {
  let rows: GoldEditEntry[] = []
  await waitFor(
    async () => {
      rows = (await editsOf(s)).filter((r) => r.userId === user.id).reverse()
      return done(rows)
    },
    { message: `gold edit rows of ${user.name}` },
  )
  return rows
}

export const goldIn = (client: TestClient, s: Setup) =>
  JSON.stringify(
    (examplesMap(client.doc).get(s.exampleId)?.get('gold') as Y.Map<Y.Map<unknown>>)
      ?.get(s.criterionId)
      ?.get('accepted'),
  )

export async function leadOn(s: Setup, name: string): Promise<{ user: TestUser; client: TestClient }> {
  const user = await inviteUser(s.url, s.owner, s.project, 'lead', name)
  const client = connectClient(s.url, s.project, { user })
  await waitForSynced(client)
  return { user, client }
}
