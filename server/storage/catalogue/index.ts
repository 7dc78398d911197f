/**
 * The whole Store, written once over a driver's `Db`: each area's statements and queries live in one file
 * here (docs, projects, accounts, versions,
 * calibration, gold edits, media, webhooks, suggestion decisions).
 */
import type { Db } from '../sql'
import type { Store } from '../store'
import { accountStore } from './accounts'
import { calibrationStore } from './calibration'
import { docStore } from './docs'
import { goldEditStore } from './goldEdits'
import { mediaStore } from './media'
import { projectStore } from './projects'
import { suggestionDecisionStore } from './suggestions'
import { versionStore } from './versions'
import { webhookStore } from './webhooks'

export function storeOver(db: Db): Store {
  return {
    ...docStore(db),
    ...projectStore(db),
    ...accountStore(db),
    ...versionStore(db),
    ...calibrationStore(db),
    ...goldEditStore(db),
    ...mediaStore(db),
    ...webhookStore(db),
    ...suggestionDecisionStore(db),
    close: () => db.close(),
  }
}
