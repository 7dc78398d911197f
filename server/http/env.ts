/** What route modules need besides the request; the request context itself (AppEnv) is in ../appEnv.ts. */
import type { RateLimitConfig } from '../auth/rateLimit'
import type { MediaConfig } from '../config'
import type { BlobStore } from '../media/blobStore'

export type { AppEnv, AuthState } from '../appEnv'

/** What route modules need besides the request. */
export interface RouteDeps {
  store: import('../storage/store').Store
  /** Uploaded media bytes, content-addressed (the catalogue of who uploaded what is in `store`). */
  blobs: BlobStore
  /** Upload limits and the blob store's settings. */
  media: MediaConfig
  /** Where uploads are streamed before they are stored (DATA_DIR/uploads: same file system as the blobs). */
  uploadDir: string
  auth: RateLimitConfig & {
    secureCookies: boolean
    /** Base URL for links the server hands out (setup, invites). */
    publicUrl: () => string
  }
  /** Webhooks: where endpoints may point, and a nudge to the delivery worker once an event committed. */
  webhooks: { policy: import('../webhooks/addressPolicy').AddressPolicy; nudge(): void }
  /** Called after a member's role changes or they are removed, so open sockets follow at once. */
  onMembershipChanged(projectId: string, userId: string): void
  /** Called after a session is destroyed, so sockets opened with it close. */
  onSessionEnded(sessionId: string): void
}
