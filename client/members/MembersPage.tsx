/**
 * `/projects/:id/members`, for owners and leads: the members (owners change roles and remove people), invite
 * links (create one, shown once; withdraw), webhooks (owners only), and the project's activity log.
 */
import { type ReactNode, useEffect, useMemo, useRef } from 'react'
import { can, type Role } from '../../shared/auth/permissions'
import type { Invite, Member } from '../../shared/schema/auth'
import {
  changeRole,
  createInvite,
  listAudit,
  listInvites,
  listMembers,
  removeMember,
  withdrawInvite,
} from '../api/members'
import { AccountMenu } from '../app/AccountMenu'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'
import { useUser } from '../auth/session'
import { useProject } from '../editor/useProject'
import { MessagePage } from '../ui/MessagePage'
import { PageLoading } from '../ui/PageLoading'
import { RoleBadge } from '../ui/RoleBadge'
import { type Resource, useResource } from '../ui/useResource'
import { AuditLog } from './AuditLog'
import { InviteCreator } from './InviteCreator'
import { InviteTable } from './InviteTable'
import { MemberTable } from './MemberTable'
import { WebhookSection } from './WebhookSection'

function Section(props: { title: string; hint?: string; testId: string; children: ReactNode }) {
  return (
    <section className="panel" data-testid={props.testId} aria-labelledby={`${props.testId}-title`}>
      <header className="panel__header">
        <h2 id={`${props.testId}-title`}>{props.title}</h2>
        {props.hint && <p className="muted">{props.hint}</p>}
      </header>
      {props.children}
    </section>
  )
}

function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (value: T) => ReactNode }) {
  if (resource.status === 'loading') return <PageLoading />
  if (resource.status === 'error') {
    return (
      <p className="form-error" role="alert">
        Could not load this: {resource.message}
      </p>
    )
  }
  return <>{children(resource.value)}</>
}

export default function MembersPage({ projectId }: { projectId: string }) {
  const user = useUser()
  const project = useProject(projectId)
  const ready = project.state.status === 'ready' ? project.state.project : null
  const role: Role | null = ready?.role ?? null
  const allowed = can(role, 'members.view')
  const key = allowed ? projectId : null
  const members = useResource(key, (signal) => listMembers(projectId, signal))
  const invites = useResource(key, (signal) => listInvites(projectId, signal))
  const audit = useResource(key, (signal) => listAudit(projectId, signal))
  // Names of everyone listed since the page opened, so entries about someone just removed still name them.
  const knownNames = useRef(new Map<string, string>())
  const namesById = useMemo(() => {
    if (members.state.status === 'ready') {
      for (const member of members.state.value) knownNames.current.set(member.userId, member.name)
    }
    return new Map(knownNames.current)
  }, [members.state])

  useEffect(() => {
    document.title = `Members${ready ? ` — ${ready.name}` : ''} — Yardstick`
  }, [ready])

  if (project.state.status === 'notFound') {
    return (
      <MessagePage title="This project does not exist" testId="project-not-found">
        <p>It may have been deleted, you may not be a member, or the link you followed is wrong.</p>
      </MessagePage>
    )
  }
  if (project.state.status === 'error') {
    return (
      <MessagePage
        title="Members could not be loaded"
        testId="project-error"
        action={
          <button type="button" className="button button--primary" onClick={project.refresh}>
            Try again
          </button>
        }
      >
        <p>{project.state.message}</p>
      </MessagePage>
    )
  }
  if (ready && !allowed) {
    return (
      <MessagePage title="Only owners and leads manage members" testId="members-forbidden">
        <p>
          You are a {ready.role} of {ready.name}. Ask an owner if you need to invite someone.
        </p>
      </MessagePage>
    )
  }

  const afterMembershipChange = () => {
    members.reload()
    audit.reload()
  }
  const onChangeRole = async (member: Member, next: Role) => {
    await changeRole(projectId, member.userId, next)
    afterMembershipChange()
    if (member.userId === user.id) project.refresh()
  }
  const onRemove = async (member: Member) => {
    await removeMember(projectId, member.userId)
    afterMembershipChange()
  }
  const onCreateInvite = async (inviteRole: Role, hours: number, note: string) => {
    const created = await createInvite(projectId, inviteRole, hours, note)
    invites.reload()
    audit.reload()
    return created
  }
  const onWithdraw = async (invite: Invite) => {
    await withdrawInvite(projectId, invite.id)
    invites.reload()
    audit.reload()
  }

  return (
    <div className="page">
      <header className="app-header">
        <div className="app-header__left">
          <Link href={projectPath(projectId)} className="back-link" data-testid="back-to-project">
            ← {ready?.name ?? 'Project'}
          </Link>
        </div>
        <AccountMenu />
      </header>
      <main className="members-page" data-testid="members-page">
        <div className="members-page__heading">
          <h1>Members and invites</h1>
          {role && (
            <p className="muted">
              {ready?.name} · you are <RoleBadge role={role} />
            </p>
          )}
        </div>
        {!ready ? (
          <PageLoading />
        ) : (
          <>
            <Section
              title="Members"
              hint={
                can(role, 'members.manage')
                  ? 'Change a role or remove someone; changes apply at once, even in open editors.'
                  : 'Only owners can change roles or remove people.'
              }
              testId="members-section"
            >
              <Loaded resource={members.state}>
                {(list) => (
                  <MemberTable
                    members={list}
                    selfId={user.id}
                    canManage={can(role, 'members.manage')}
                    projectName={ready.name}
                    onChangeRole={onChangeRole}
                    onRemove={onRemove}
                  />
                )}
              </Loaded>
            </Section>
            <Section
              title="Invite people"
              hint="Create a link for one person and send it to them."
              testId="invite-section"
            >
              {role && <InviteCreator role={role} onCreate={onCreateInvite} />}
              <h3 className="panel__subheading">Invite links</h3>
              <Loaded resource={invites.state}>
                {(list) => <InviteTable invites={list} namesById={namesById} onWithdraw={onWithdraw} />}
              </Loaded>
            </Section>
            {can(role, 'webhooks.manage') && <WebhookSection projectId={projectId} />}
            <Section
              title="Activity"
              hint="Who did what in this project, newest first."
              testId="audit-section"
            >
              <Loaded resource={audit.state}>
                {(entries) => <AuditLog entries={entries} namesById={namesById} />}
              </Loaded>
            </Section>
          </>
        )}
      </main>
    </div>
  )
}
