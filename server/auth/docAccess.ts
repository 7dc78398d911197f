/**
 * Decides what a websocket connection may do with a document. This is the seam where accounts and roles
 * plug in (issue 4): today every known project's draft is writable by anyone who can reach the server.
 */
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { isValidDocName } from '../../shared/protocol/docNames'
import type { ProjectStore } from '../storage/store'
import type { DocAccess } from '../sync/connection'

export type DocAccessDecision = { access: DocAccess } | { refuse: { code: number; reason: string } }

export async function resolveDocAccess(
  projects: ProjectStore,
  docName: string,
  _request: Request,
): Promise<DocAccessDecision> {
  if (!isValidDocName(docName))
    return { refuse: { code: CloseCode.unknownDocument, reason: CloseReason.invalidDocName } }
  const project = await projects.getProject(docName)
  if (!project) return { refuse: { code: CloseCode.unknownDocument, reason: CloseReason.unknownDocument } }
  return { access: 'write' }
}
