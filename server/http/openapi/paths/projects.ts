/**
 * OpenAPI declarations of the project routes: projects and templates, members and the audit log, project
 * invites, editor notices and restores, comment helpers, the gold edit log and media
 * (server/http/projects.ts, members.ts, invites.ts, activity.ts, comments.ts, goldEdits.ts, media.ts).
 */
import { z } from 'zod'
import {
  AuditList,
  ChangeRoleBody,
  CreatedInvite,
  CreateInviteBody,
  InviteList,
  MemberAnswer,
  MemberList,
} from '../../../../shared/schema/auth'
import { CommentPeople, CommentSummary } from '../../../../shared/schema/comments'
import { GOLD_EDIT_LIST_MAX, GoldEditList } from '../../../../shared/schema/goldEditLog'
import { ACCEPTED_MEDIA_TYPES, UploadedMedia } from '../../../../shared/schema/media'
import { NoticeList, RestoreBody } from '../../../../shared/schema/notices'
import { CreateProjectBody, Project, ProjectList, RenameProjectBody } from '../../../../shared/schema/project'
import { TemplateSummaryList } from '../../../../shared/templates/templateSchema'
import { bytes, conditional, type Operation } from '../operation'

const NOT_MEMBER = 'No such project, or the caller is not a member of it (`not_found`)'
const ROLE_CANNOT = 'The caller’s role may not do this (`forbidden`), or a cross-site request'
const ROLE_CANNOT_READ = 'The caller’s role may not do this (`forbidden`)'

export const projectOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/projects',
    tag: 'projects',
    summary: 'The projects the user is a member of, with their role in each',
    auth: 'session',
    responses: { 200: ProjectList },
  },
  {
    method: 'post',
    path: '/api/projects',
    tag: 'projects',
    summary: 'Create a project, blank or from a template; the creator becomes owner',
    auth: 'session',
    body: CreateProjectBody,
    responses: { 201: Project },
    errors: { 400: 'Invalid body, or no template with that id (`unknown_template`)' },
  },
  {
    method: 'get',
    path: '/api/projects/templates',
    tag: 'projects',
    summary: 'The templates a new project can start from',
    auth: 'session',
    responses: { 200: TemplateSummaryList },
  },
  {
    method: 'get',
    path: '/api/projects/{id}',
    tag: 'projects',
    summary: 'A project, with the caller’s role in it',
    auth: 'session',
    responses: { 200: Project },
    errors: { 404: NOT_MEMBER },
  },
  {
    method: 'patch',
    path: '/api/projects/{id}',
    tag: 'projects',
    summary: 'Rename a project (owners and leads)',
    auth: 'session',
    body: RenameProjectBody,
    responses: { 200: Project },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/members',
    tag: 'projects',
    summary: 'The project’s members and their roles (owners and leads)',
    auth: 'session',
    responses: { 200: MemberList },
    errors: { 403: ROLE_CANNOT_READ, 404: NOT_MEMBER },
  },
  {
    method: 'patch',
    path: '/api/projects/{id}/members/{userId}',
    tag: 'projects',
    summary: 'Change a member’s role (owners)',
    auth: 'session',
    body: ChangeRoleBody,
    responses: { 200: MemberAnswer },
    errors: {
      403: ROLE_CANNOT,
      404: 'No such project or member',
      409: 'The project would be left without an owner (`last_owner`)',
    },
  },
  {
    method: 'delete',
    path: '/api/projects/{id}/members/{userId}',
    tag: 'projects',
    summary: 'Remove a member (owners); their sync sockets close',
    auth: 'session',
    responses: { 204: null },
    errors: {
      403: ROLE_CANNOT,
      404: 'No such project or member',
      409: 'The project would be left without an owner (`last_owner`)',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/audit',
    tag: 'projects',
    summary: 'The project’s activity log, newest first (owners and leads)',
    auth: 'session',
    responses: { 200: AuditList },
    errors: { 403: ROLE_CANNOT_READ, 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/invites',
    tag: 'invites',
    summary:
      'Create an invite link with a role and an expiry (owners; leads invite reviewers and annotators)',
    description: 'The answer’s `url` holds the token; it is shown only here (the server keeps a hash).',
    auth: 'session',
    body: CreateInviteBody,
    responses: { 201: CreatedInvite },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/invites',
    tag: 'invites',
    summary: 'The project’s invite links and their status (owners and leads)',
    auth: 'session',
    responses: { 200: InviteList },
    errors: { 403: ROLE_CANNOT_READ, 404: NOT_MEMBER },
  },
  {
    method: 'delete',
    path: '/api/projects/{id}/invites/{inviteId}',
    tag: 'invites',
    summary: 'Withdraw an invite link',
    auth: 'session',
    responses: { 204: null },
    errors: { 403: ROLE_CANNOT, 404: 'No such project or invite' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/notices',
    tag: 'projects',
    summary:
      'What others did that the open editor should say: the caller’s role changed, a restore, a publish',
    auth: 'session',
    query: z.object({
      after: z
        .string()
        .regex(/^\d{1,15}$/)
        .optional()
        .meta({
          description: 'Only notices after this activity-log entry id (`latest` of the previous answer)',
        }),
    }),
    responses: { 200: NoticeList },
    errors: { 400: '`after` is not a whole number (`invalid_query`)', 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/restores',
    tag: 'projects',
    summary: 'Record in the activity log that the caller restored a version into the draft',
    description:
      'The restore itself is a live change to the draft made by the client over the sync websocket.',
    auth: 'session',
    body: RestoreBody,
    responses: { 204: null },
    errors: { 403: ROLE_CANNOT, 404: 'No such project, or no such version' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/comments/people',
    tag: 'comments',
    summary: 'The members who may comment, and so can be @mentioned',
    auth: 'session',
    responses: { 200: CommentPeople },
    errors: { 403: ROLE_CANNOT_READ, 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/comments/summary',
    tag: 'comments',
    summary: 'How many comment threads are open and resolved, and how many suggested edits are open',
    auth: 'session',
    responses: { 200: CommentSummary },
    errors: { 403: ROLE_CANNOT_READ, 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/gold-edits',
    tag: 'calibration',
    summary: 'Who changed which example’s gold in the draft, newest first (owners and leads)',
    auth: 'session',
    query: z.object({
      exampleId: z.string().optional().meta({ description: 'Only this example’s gold edits' }),
      limit: z
        .string()
        .regex(/^\d{1,4}$/)
        .optional()
        .meta({ description: `At most this many entries (1 to ${GOLD_EDIT_LIST_MAX}, the default)` }),
    }),
    responses: { 200: GoldEditList },
    errors: {
      400: 'Not a project id (`invalid_id`), or a bad `exampleId` or `limit` (`invalid_query`)',
      403: ROLE_CANNOT_READ,
      404: NOT_MEMBER,
    },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/media',
    tag: 'media',
    summary: 'Upload an image, video or audio file (owners and leads)',
    description:
      'The body is the raw file, streamed; its type is decided by its bytes, never by its name (SVG, HTML and other types get 415). Images are re-encoded without their metadata. Per-kind size limits are server settings.',
    auth: 'session',
    query: z.object({
      name: z.string().max(255).optional().meta({ description: 'The file’s name on the uploader’s device' }),
    }),
    rawBody: bytes('application/octet-stream', ...Object.keys(ACCEPTED_MEDIA_TYPES)),
    responses: { 201: UploadedMedia },
    errors: {
      400: 'An empty or cut-off upload, a bad `Content-Length` or a name too long',
      403: ROLE_CANNOT,
      404: NOT_MEMBER,
      413: 'Larger than the limit for its kind (`media_too_large`), or an image with too many pixels',
      415: 'A type that is not accepted, or an image that cannot be read',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/media/{hash}',
    tag: 'media',
    summary: 'A media blob, to whoever may read what references it; single byte ranges for seeking',
    headers: conditional.extend({
      range: z.string().optional().meta({ description: 'One byte range, e.g. `bytes=0-1023`' }),
      'if-range': z.string().optional().meta({ description: 'Serve the range only if the ETag still holds' }),
    }),
    auth: 'sessionOrToken',
    responses: {
      200: {
        description: 'The bytes, with their type, an immutable private cache entry and `ETag`',
        raw: bytes('image/*', 'video/*', 'audio/*', 'application/octet-stream'),
      },
      206: {
        description: 'The requested byte range (`Content-Range`)',
        raw: bytes('image/*', 'video/*', 'audio/*', 'application/octet-stream'),
      },
      304: null,
    },
    errors: {
      404: 'No such project or media, or the caller may not read it',
      416: 'The range is outside the blob (`range_not_satisfiable`)',
    },
  },
]
