/** Transitions of the save-status bookkeeping: what counts as saved, and what a reconnect invalidates. */
import { describe, expect, it } from 'vitest'
import { SaveTracker } from '../../client/sync/saveTracker'

function connectedTracker(): SaveTracker {
  const tracker = new SaveTracker()
  tracker.connectionOpened()
  tracker.recordHandshakeSent()
  tracker.setSynced(true)
  return tracker
}

describe('SaveTracker', () => {
  it('is connecting until the first sync, and saved after it when nothing changed', () => {
    const tracker = new SaveTracker()
    expect(tracker.status).toBe('connecting')
    tracker.connectionOpened()
    expect(tracker.status).toBe('connecting')
    tracker.setSynced(true)
    expect(tracker.status).toBe('saved')
  })

  it('is saving from a local change until the request covering it is acknowledged', () => {
    const tracker = connectedTracker()
    tracker.recordLocalChange()
    expect(tracker.status).toBe('saving')
    expect(tracker.wantsRequest).toBe(true)
    const id = tracker.issueRequest()
    expect(tracker.wantsRequest).toBe(false)
    tracker.recordLocalChange()
    expect(tracker.acknowledge(id)).toBe(true)
    expect(tracker.status).toBe('saving')
    const second = tracker.issueRequest()
    tracker.acknowledge(second)
    expect(tracker.status).toBe('saved')
  })

  it('treats an acknowledgement as covering every earlier request', () => {
    const tracker = connectedTracker()
    tracker.recordLocalChange()
    const first = tracker.issueRequest()
    tracker.recordLocalChange()
    const second = tracker.issueRequest()
    tracker.acknowledge(second)
    expect(tracker.status).toBe('saved')
    expect(tracker.acknowledge(first)).toBe(false)
  })

  it('says "not saved" while the server reports failed writes, never "saved", until it acknowledges', () => {
    const tracker = connectedTracker()
    tracker.recordLocalChange()
    const id = tracker.issueRequest()
    tracker.recordNotSaved()
    expect(tracker.status).toBe('notSaved')
    tracker.recordLocalChange()
    expect(tracker.status).toBe('notSaved')
    tracker.acknowledge(id)
    // The first change is stored, the second is not yet confirmed: saving, not saved.
    expect(tracker.status).toBe('saving')
    tracker.acknowledge(tracker.issueRequest())
    expect(tracker.status).toBe('saved')
  })

  it('ignores unknown request ids', () => {
    const tracker = connectedTracker()
    tracker.recordLocalChange()
    expect(tracker.acknowledge(42)).toBe(false)
    expect(tracker.status).toBe('saving')
  })

  it('goes offline on disconnect and forgets requests in flight on the old socket', () => {
    const tracker = connectedTracker()
    tracker.recordLocalChange()
    const id = tracker.issueRequest()
    tracker.connectionClosed()
    expect(tracker.status).toBe('offline')
    expect(tracker.wantsRequest).toBe(false)
    expect(tracker.acknowledge(id)).toBe(false)
    tracker.connectionOpened()
    tracker.setSynced(true)
    expect(tracker.status).toBe('saving')
    // No request before our SyncStep2 is on the wire: it would acknowledge changes the server lacks.
    expect(tracker.wantsRequest).toBe(false)
    tracker.recordHandshakeSent()
    expect(tracker.wantsRequest).toBe(true)
    tracker.acknowledge(tracker.issueRequest())
    expect(tracker.status).toBe('saved')
  })

  it('keeps offline edits unsaved until a request after the reconnect handshake is acknowledged', () => {
    const tracker = connectedTracker()
    tracker.connectionClosed()
    tracker.recordLocalChange()
    expect(tracker.status).toBe('offline')
    tracker.connectionOpened()
    tracker.setSynced(true)
    expect(tracker.status).toBe('saving')
    tracker.recordHandshakeSent()
    tracker.acknowledge(tracker.issueRequest())
    expect(tracker.status).toBe('saved')
  })

  it('does not count a sync without an open connection', () => {
    const tracker = new SaveTracker()
    tracker.setSynced(true)
    expect(tracker.status).toBe('connecting')
  })
})
