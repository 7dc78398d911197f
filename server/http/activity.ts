/**
 * What the open editor is told about others' actions: `GET /:id/notices?after=N` lists, from the activity
 * log, changes of the caller's own role and restores and publishes by others (any member may ask); and
 * `POST /:id/restores` records in the log that the caller restored a version into the draft (the restore
 * itself is a live change made by the client, so the server learns of it from this call).
 */
import { Hono } from 'hono'
import { ROLES, type Role } from '../../shared/auth/permissions'
import { AuditAction, type Notice, type NoticeList, RestoreBody } from '../../shared/schema/notices'
import { authorize } from '../auth/access'
import type { AuditRecord } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

/** How many recent log entries are searched for notices. */
const SEARCHED = 200

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value)

/** The notice an entry makes for `userId`, or null when it is none of theirs. */
function noticeFor(record: AuditRecord, userId: string): Notice | null {
  const { id, createdAt: at, actorName: actor, details } = record
  if (record.action === AuditAction.roleChanged) {
    if (details.userId !== userId || record.actorId === userId) return null
    if (!isRole(details.from) || !isRole(details.to)) return null
    return { kind: 'roleChanged', id, at, actor, from: details.from, to: details.to }
  }
  if (record.actorId === userId || typeof details.version !== 'string') return null
  if (record.action === AuditAction.restored)
    return { kind: 'restored', id, at, actor, version: details.version }
  if (record.action === AuditAction.published)
    return { kind: 'published', id, at, actor, version: details.version }
  return null
}

function readAfter(value: string | undefined): number {
  if (value === undefined) return 0
  if (!/^\d{1,15}$/.test(value)) throw new ApiFailure(400, 'invalid_query', 'after must be a whole number')
  return Number(value)
}

export function activityRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/notices', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'project.view')
    const after = readAfter(c.req.query('after'))
    const records = await store.listAudit(projectId, SEARCHED)
    const notices = records
      .filter((r) => r.id > after)
      .map((r) => noticeFor(r, auth.user.id))
      .filter((n): n is Notice => n !== null)
      .reverse()
    const latest = records.reduce((max, r) => Math.max(max, r.id), after)
    return c.json<NoticeList>({ notices, latest })
  })

  app.post('/:id/restores', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'draft.write')
    const { version } = await readJson(c, RestoreBody)
    if (!(await store.getVersion(projectId, version))) throw notFound(`version ${version}`)
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: AuditAction.restored,
      details: { version },
    })
    return c.body(null, 204)
  })

  app.all('/:id/notices', methodNotAllowed(['GET']))
  app.all('/:id/restores', methodNotAllowed(['POST']))
  return app
}
