/** Typed calls to a project's members, invite links and audit log (owners and leads). */
import { z } from 'zod'
import type { Role } from '../../shared/auth/permissions'
import {
  AuditEntry,
  CreatedInvite,
  type Invite,
  InviteList,
  type Member,
  MemberList,
} from '../../shared/schema/auth'
import { requestJson, requestVoid } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`

/** `subject` (the name of the member an entry is about) is read when the server sends it. */
const ClientAuditEntry = AuditEntry.extend({ subject: z.string().nullish() })
export type ClientAuditEntry = z.infer<typeof ClientAuditEntry>
const AuditList = z.object({ entries: z.array(ClientAuditEntry) })

export async function listMembers(projectId: string, signal?: AbortSignal): Promise<Member[]> {
  return (await requestJson(`${base(projectId)}/members`, MemberList, { signal })).members
}

export function changeRole(projectId: string, userId: string, role: Role): Promise<void> {
  return requestVoid(`${base(projectId)}/members/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: { role },
  })
}

export function removeMember(projectId: string, userId: string): Promise<void> {
  return requestVoid(`${base(projectId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' })
}

export async function listInvites(projectId: string, signal?: AbortSignal): Promise<Invite[]> {
  return (await requestJson(`${base(projectId)}/invites`, InviteList, { signal })).invites
}

export function createInvite(
  projectId: string,
  role: Role,
  expiresInHours: number,
  note = '',
): Promise<CreatedInvite> {
  return requestJson(`${base(projectId)}/invites`, CreatedInvite, {
    method: 'POST',
    body: { role, expiresInHours, note },
  })
}

export function withdrawInvite(projectId: string, inviteId: string): Promise<void> {
  return requestVoid(`${base(projectId)}/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' })
}

export async function listAudit(projectId: string, signal?: AbortSignal): Promise<ClientAuditEntry[]> {
  return (await requestJson(`${base(projectId)}/audit`, AuditList, { signal })).entries
}
