/**
 * Decides what a websocket connection may do with a document, from the session cookie and the Origin, with
 * the same permission table as the HTTP routes. Refusals become close codes from shared/protocol.
 * A project's draft is writable for `draft.write` and read-only for `draft.read`; its comments document is
 * writable for `draft.comment` (so reviewers comment on a draft they cannot change) and refused otherwise.
 * Each socket also knows whether its user may edit the draft (who may decide suggestions in the comments doc).
 */
import { can } from '../../shared/auth/permissions'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { isValidDocName, parseDocName } from '../../shared/protocol/docNames'
import type { AccountStore, ProjectStore } from '../storage/store'
import type { ConnectionUser, DocAccess } from '../sync/connection'
import { decideAccess } from './access'
import { isSameOrigin, type OriginPolicy } from './origin'
import { resolveSession, type SessionConfig, sessionTokenFromCookieHeader } from './sessions'

/** Reads request headers by name (a fetch `Headers`, or an adapter over Node's `IncomingMessage`). */
export type HeaderReader = Pick<Headers, 'get'>

/** What the decision needs of the upgrade request. */
export interface UpgradeRequest {
  headers: HeaderReader
  url: string
}

export type DocAccessDecision =
  | { access: DocAccess; user: ConnectionUser }
  | { refuse: { code: number; reason: string } }

const refuse = (code: number, reason: string): DocAccessDecision => ({ refuse: { code, reason } })

export async function resolveDocAccess(
  store: AccountStore & ProjectStore,
  docName: string,
  request: UpgradeRequest,
  config: SessionConfig & OriginPolicy,
): Promise<DocAccessDecision> {
  if (!isSameOrigin(request.headers, request.url, config))
    return refuse(CloseCode.forbidden, CloseReason.badOrigin)
  if (!isValidDocName(docName)) return refuse(CloseCode.unknownDocument, CloseReason.invalidDocName)
  const auth = await resolveSession(
    store,
    sessionTokenFromCookieHeader(request.headers.get('cookie'), config),
  )
  if (!auth) return refuse(CloseCode.unauthenticated, CloseReason.unauthenticated)
  const access = await userDocAccess(store, auth.user.id, docName)
  if (access === 'not_found') return refuse(CloseCode.unknownDocument, CloseReason.unknownDocument)
  if (access === 'forbidden') {
    const comments = parseDocName(docName)?.kind === 'comments'
    return refuse(CloseCode.forbidden, comments ? CloseReason.noCommentAccess : CloseReason.noDraftAccess)
  }
  return {
    access,
    user: {
      id: auth.user.id,
      name: auth.user.name,
      color: auth.user.color,
      sessionId: auth.session.id,
      mayEditDraft: await userMayEditDraft(store, auth.user.id, docName),
    },
  }
}

/** Whether a user's role lets them edit the draft of the project a document belongs to (owner, lead). */
export async function userMayEditDraft(
  store: AccountStore & ProjectStore,
  userId: string,
  docName: string,
): Promise<boolean> {
  const parsed = parseDocName(docName)
  if (!parsed) return false
  return (await decideAccess(store, userId, parsed.projectId, 'draft.write')).ok
}

/** What a user may do with one of a project's documents now (also used when their membership changes). */
export async function userDocAccess(
  store: AccountStore & ProjectStore,
  userId: string,
  docName: string,
): Promise<DocAccess | 'not_found' | 'forbidden'> {
  const parsed = parseDocName(docName)
  if (!parsed) return 'not_found'
  if (parsed.kind === 'comments') {
    const decision = await decideAccess(store, userId, parsed.projectId, 'draft.comment')
    return decision.ok ? 'write' : decision.reason
  }
  const decision = await decideAccess(store, userId, parsed.projectId, 'draft.read')
  if (!decision.ok) return decision.reason
  return can(decision.role, 'draft.write') ? 'write' : 'read'
}
