/**
 * A room's per-kind check of the updates its sockets send (the kind's `checkUpdate`, shared/ydoc/docKinds.ts).
 * A kind with a check keeps a copy of everything accepted so far — durable, still being written, or arrived
 * from the store or another instance — against which each new update is checked; a kind without one
 * accepts every well-formed update and keeps nothing.
 */
import * as Y from 'yjs'
import type { DocKind } from '../../shared/protocol/docNames'
import type { UpdateCheck, UpdateRefusal, UpdateWriter } from '../../shared/ydoc/docKind'
import { docKinds } from '../../shared/ydoc/docKinds'

export interface UpdateGuard {
  /** Whether the kind checks updates at all (SYNC_RELAY=before-durable relays early only where it does not). */
  readonly checks: boolean
  /** Why `update` from `writer` is refused, or null; an admitted update counts for later checks. */
  admit(update: Uint8Array, writer: UpdateWriter): UpdateRefusal | null
  /** An update that reached the document another way (the store, another instance): accepted already. */
  observe(update: Uint8Array): void
  destroy(): void
}

class CheckedUpdates implements UpdateGuard {
  readonly checks = true
  private readonly accepted = new Y.Doc({ gc: true })

  constructor(private readonly check: UpdateCheck) {}

  admit(update: Uint8Array, writer: UpdateWriter): UpdateRefusal | null {
    const refusal = this.check(this.accepted, update, writer)
    if (!refusal) Y.applyUpdate(this.accepted, update)
    return refusal
  }

  observe(update: Uint8Array): void {
    Y.applyUpdate(this.accepted, update)
  }

  destroy(): void {
    this.accepted.destroy()
  }
}

const admitAll: UpdateGuard = {
  checks: false,
  admit: () => null,
  observe: () => {},
  destroy: () => {},
}

export function guardFor(kind: DocKind): UpdateGuard {
  const check = docKinds[kind].checkUpdate
  return check ? new CheckedUpdates(check) : admitAll
}
