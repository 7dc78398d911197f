/**
 * Messages about media the editor could not take — an upload the server refused (too large, not an accepted
 * type, not allowed), images pasted as links to other sites that were not copied. The editor's paste, drop
 * and upload code posts them; MediaNotices shows them until dismissed (or for a while).
 */
export interface MediaNotice {
  id: number
  message: string
}

export class MediaNoticeBoard {
  private notices: MediaNotice[] = []
  private listeners = new Set<() => void>()
  private next = 1

  post(message: string): void {
    this.notices = [...this.notices, { id: this.next++, message }]
    this.emit()
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id)
    this.emit()
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): MediaNotice[] => this.notices

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}
