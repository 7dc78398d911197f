/**
 * The media catalogue, written once for both databases: which project uploaded which blob, its type and
 * size, and when (garbage collection keeps blobs uploaded within its grace period).
 */
import type { MediaKind } from '../../../shared/schema/media'
import { all, type Db, get, run, sql } from '../sql'
import type { MediaRecord, MediaStore } from '../store'

interface MediaRow {
  project_id: string
  hash: string
  kind: MediaKind
  mime: string
  bytes: number
  width: number | null
  height: number | null
  name: string
  uploaded_by: string
  created_at: string
}

const UPSERT = sql(
  `INSERT INTO media (project_id, hash, kind, mime, bytes, width, height, name, uploaded_by, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (project_id, hash) DO UPDATE SET created_at = excluded.created_at
   RETURNING *`,
)
const BY_KEY = sql('SELECT * FROM media WHERE project_id = ? AND hash = ?')
const HASHES_SINCE = sql('SELECT DISTINCT hash FROM media WHERE created_at >= ?')
const DELETE_OLDER = sql('DELETE FROM media WHERE hash = ? AND created_at < ?')
const COUNT_OF_HASH = sql('SELECT count(*) AS n FROM media WHERE hash = ?')

const toMedia = (r: MediaRow): MediaRecord => ({
  projectId: r.project_id,
  hash: r.hash,
  kind: r.kind,
  mime: r.mime,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  name: r.name,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
})

export function mediaStore(db: Db): MediaStore {
  return {
    async recordMediaUpload(m) {
      const params = [m.projectId, m.hash, m.kind, m.mime, m.bytes, m.width, m.height, m.name, m.uploadedBy]
      const row = await db.run(get<MediaRow>(UPSERT, [...params, new Date().toISOString()]))
      if (!row) throw new Error('recording a media upload returned no row')
      return toMedia(row)
    },
    async getMedia(projectId, hash) {
      const row = await db.run(get<MediaRow>(BY_KEY, [projectId, hash]))
      return row ? toMedia(row) : null
    },
    async mediaHashesUploadedSince(since) {
      return (await db.run(all<{ hash: string }>(HASHES_SINCE, [since]))).map((r) => r.hash)
    },
    deleteMediaRows: (hash, before) =>
      db.write(function* () {
        const deleted = yield* run(DELETE_OLDER, [hash, before])
        const remaining = (yield* get<{ n: number }>(COUNT_OF_HASH, [hash]))?.n ?? 0
        return { deleted, remaining: Number(remaining) }
      }),
  }
}
