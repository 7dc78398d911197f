/** Runs the shared migrations on a SQLite database; `PRAGMA user_version` records how many have run. */
import type Database from 'better-sqlite3'
import { MIGRATIONS, migrationSql } from './schema'

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(migrationSql(MIGRATIONS[i]!, 'sqlite'))
      db.pragma(`user_version = ${i + 1}`)
    })()
  }
}
