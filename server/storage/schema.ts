/**
 * The database schema as one ordered list of migrations. Most are written once in SQLite's dialect and
 * translated for PostgreSQL (auto-increment keys, blobs, reals, 64-bit integers); one that cannot be (e.g.
 * triggers) gives each dialect its own text. Both drivers record how many have run: add a migration by
 * appending to the list, never by editing one that has shipped.
 */
export type Dialect = 'sqlite' | 'postgres'

export type Migration = string | { readonly sqlite: string; readonly postgres: string }

const AUDIT_APPEND_ONLY = 'audit_log is append-only'
const GOLD_EDITS_CLOSED = 'gold_edits rows are append-only once their minute is over'
/** How long a gold edit row stays open for coalescing (the rule is in server/storage/goldEdits.ts). */
export const GOLD_EDIT_WINDOW_MS = 60_000

export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE projects (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_updates_doc_seq ON doc_updates (doc, seq);
   CREATE TABLE doc_snapshots (
     doc TEXT PRIMARY KEY,
     through_seq INTEGER NOT NULL,
     data BLOB NOT NULL
   );`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     color TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     user_agent TEXT NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE TABLE setup_tokens (
     token_hash TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   );
   CREATE TABLE memberships (
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('owner', 'lead', 'reviewer', 'annotator')),
     created_at TEXT NOT NULL,
     PRIMARY KEY (project_id, user_id)
   );
   CREATE INDEX memberships_user ON memberships (user_id);
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     used_by TEXT REFERENCES users (id),
     revoked_at TEXT
   );
   CREATE INDEX invites_project ON invites (project_id);
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     project_id TEXT NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     details TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX audit_log_project ON audit_log (project_id, id);`,
  `CREATE TABLE versions (
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     ordinal INTEGER NOT NULL,
     version TEXT NOT NULL,
     bump TEXT NOT NULL,
     changelog TEXT NOT NULL,
     author_id TEXT NOT NULL,
     author_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     criteria INTEGER NOT NULL,
     examples INTEGER NOT NULL,
     open_threads INTEGER NOT NULL,
     snapshot BLOB NOT NULL,
     json TEXT NOT NULL,
     PRIMARY KEY (project_id, ordinal),
     UNIQUE (project_id, version)
   );
   CREATE TABLE read_tokens (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_used_at TEXT,
     revoked_at TEXT
   );`,
  `CREATE TABLE attempts (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     version TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
     example_order TEXT NOT NULL,
     answers TEXT NOT NULL,
     started_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     submitted_at TEXT,
     score REAL,
     passed INTEGER,
     result TEXT
   );
   CREATE INDEX attempts_project_user ON attempts (project_id, user_id, started_at);
   CREATE TABLE disputes (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
     version TEXT NOT NULL,
     example_id TEXT NOT NULL,
     criterion_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     comment TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
     reply TEXT,
     resolved_by TEXT,
     created_at TEXT NOT NULL,
     resolved_at TEXT
   );
   CREATE INDEX disputes_project ON disputes (project_id, status);
   CREATE TABLE project_settings (
     project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
     retake_cooldown_minutes INTEGER NOT NULL DEFAULT 60
   );`,
  // The audit log is append-only: the database itself refuses to change or remove an entry.
  {
    sqlite: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
             BEGIN SELECT RAISE(ABORT, '${AUDIT_APPEND_ONLY}'); END;
             CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
             BEGIN SELECT RAISE(ABORT, '${AUDIT_APPEND_ONLY}'); END;`,
    postgres: `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION '${AUDIT_APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; END $$;
               CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
               FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
               CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
               FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();`,
  },
  // Disputes get an outcome and the version that fixed the gold; attempts keep a re-score beside the original.
  `ALTER TABLE disputes ADD COLUMN outcome TEXT CHECK (outcome IN ('gold_stands', 'gold_wrong'));
   ALTER TABLE disputes ADD COLUMN fixed_in_version TEXT;
   ALTER TABLE attempts ADD COLUMN rescore TEXT;`,
  // One open calibration attempt per annotator per project: the primary key makes starting a second one fail
  // atomically. Databases may already hold several open attempts per person: the newest is registered, the
  // older ones stay in_progress but can no longer be submitted.
  `CREATE TABLE open_attempts (
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     attempt_id TEXT NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
     PRIMARY KEY (project_id, user_id)
   );
   INSERT INTO open_attempts (project_id, user_id, attempt_id)
     SELECT a.project_id, a.user_id, a.id FROM attempts a
     WHERE a.status = 'in_progress' AND NOT EXISTS (
       SELECT 1 FROM attempts b
       WHERE b.project_id = a.project_id AND b.user_id = a.user_id AND b.status = 'in_progress'
         AND (b.started_at > a.started_at OR (b.started_at = a.started_at AND b.id > a.id))
     );`,
  // Who an invite link is for (a name or email the inviter notes; nothing is sent).
  `ALTER TABLE invites ADD COLUMN note TEXT NOT NULL DEFAULT '';`,
  // Who changed which example's gold in the draft: one row per person, example and minute (first_at is when
  // the row's minute began; changes is JSON {slotKey: {from, to}} of accepted values).
  `CREATE TABLE gold_edits (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     project_id TEXT NOT NULL,
     example_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     first_at INTEGER NOT NULL,
     last_at INTEGER NOT NULL,
     changes TEXT NOT NULL
   );
   CREATE INDEX gold_edits_person ON gold_edits (project_id, example_id, user_id, first_at);
   CREATE INDEX gold_edits_project ON gold_edits (project_id, last_at);`,
  // A gold edit row may only be coalesced into while its own minute is open (by its own timestamps), never
  // re-keyed, deleted or truncated.
  {
    sqlite: `CREATE TRIGGER gold_edits_no_delete BEFORE DELETE ON gold_edits
             BEGIN SELECT RAISE(ABORT, '${GOLD_EDITS_CLOSED}'); END;
             CREATE TRIGGER gold_edits_open_minute_only BEFORE UPDATE ON gold_edits
             WHEN NEW.id IS NOT OLD.id OR NEW.project_id IS NOT OLD.project_id
               OR NEW.example_id IS NOT OLD.example_id OR NEW.user_id IS NOT OLD.user_id
               OR NEW.first_at IS NOT OLD.first_at OR NEW.last_at < OLD.last_at
               OR NEW.last_at >= OLD.first_at + ${GOLD_EDIT_WINDOW_MS}
             BEGIN SELECT RAISE(ABORT, '${GOLD_EDITS_CLOSED}'); END;`,
    postgres: `CREATE FUNCTION gold_edits_guard() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                 IF TG_OP = 'UPDATE' THEN
                   IF NEW.id = OLD.id AND NEW.project_id = OLD.project_id AND NEW.example_id = OLD.example_id
                      AND NEW.user_id = OLD.user_id AND NEW.first_at = OLD.first_at
                      AND NEW.last_at >= OLD.last_at AND NEW.last_at < OLD.first_at + ${GOLD_EDIT_WINDOW_MS} THEN
                     RETURN NEW;
                   END IF;
                 END IF;
                 RAISE EXCEPTION '${GOLD_EDITS_CLOSED}' USING ERRCODE = 'insufficient_privilege';
               END $$;
               CREATE TRIGGER gold_edits_guard BEFORE UPDATE OR DELETE ON gold_edits
               FOR EACH ROW EXECUTE FUNCTION gold_edits_guard();
               CREATE TRIGGER gold_edits_no_truncate BEFORE TRUNCATE ON gold_edits
               FOR EACH STATEMENT EXECUTE FUNCTION gold_edits_guard();`,
  },
  // The media catalogue: one row per project and uploaded blob (the bytes are in the blob store), written
  // after the blob is durable. created_at is the latest upload (garbage collection's grace period).
  `CREATE TABLE media (
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     hash TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
     mime TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     width INTEGER,
     height INTEGER,
     name TEXT NOT NULL,
     uploaded_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (project_id, hash)
   );
   CREATE INDEX media_hash ON media (hash);
   CREATE INDEX media_created ON media (created_at);`,
  // Media bytes in the database (BLOB_STORE=sql): a blob is its 1 MiB chunks, visible only once `complete`
  // is set in the transaction that writes its last chunk (server/media/sqlBlobStore.ts).
  `CREATE TABLE blobs (
     hash TEXT PRIMARY KEY,
     bytes INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     complete INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE blob_chunks (
     hash TEXT NOT NULL,
     n INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (hash, n)
   );`,
  // Read-token scopes (space-separated, e.g. `gold`); tokens made before scopes have none (no gold).
  `ALTER TABLE read_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT ''`,
  // Webhooks: a project's endpoints (the secret is kept to sign with), the events they subscribed to, and one
  // delivery row per event and endpoint — written in the event's own transaction (the durable outbox) —
  // with its attempt log. A delivery is claimed by one instance at a time through its lease.
  `CREATE TABLE webhook_endpoints (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     url TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     events TEXT NOT NULL,
     active INTEGER NOT NULL DEFAULT 1,
     secret TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX webhook_endpoints_project ON webhook_endpoints (project_id);
   CREATE TABLE webhook_events (
     id TEXT PRIMARY KEY,
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     type TEXT NOT NULL,
     payload TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
     endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
     status TEXT NOT NULL CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT,
     lease_owner TEXT,
     lease_until TEXT,
     last_status_code INTEGER,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
   CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
   CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
   CREATE TABLE webhook_attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     status_code INTEGER,
     error TEXT,
     duration_ms INTEGER NOT NULL
   );
   CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);`,
  // Decisions on suggested edits (the suggestions live in the comments document): one row per suggestion,
  // so of two leads deciding the same one at once — even on two instances — exactly one succeeds.
  `CREATE TABLE suggestion_decisions (
     project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
     suggestion_id TEXT NOT NULL,
     decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
     decided_by TEXT NOT NULL,
     decided_at TEXT NOT NULL,
     PRIMARY KEY (project_id, suggestion_id)
   );`,
]

/** The migration's SQL for a dialect. */
export function migrationSql(migration: Migration, dialect: Dialect): string {
  if (typeof migration !== 'string') return migration[dialect]
  if (dialect === 'sqlite') return migration
  return migration
    .replace(/INTEGER PRIMARY KEY AUTOINCREMENT/g, 'BIGSERIAL PRIMARY KEY')
    .replace(/\bBLOB\b/g, 'BYTEA')
    .replace(/\bREAL\b/g, 'DOUBLE PRECISION')
    .replace(/\bINTEGER\b/g, 'BIGINT')
}
