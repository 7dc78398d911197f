/**
 * OpenAPI declarations of calibration: attempts, the status API tools gate work on, the retake cool-down,
 * disputes, and the leads' results and exports (server/http/calibration.ts, disputes.ts,
 * calibrationAnalytics.ts, goldAuditExport.ts, annotatorDrilldown.ts).
 */
import { z } from 'zod'
import { ApiError } from '../../../../shared/schema/apiError'
import {
  AnnotatorStatus,
  AttemptList,
  AttemptOpenError,
  AttemptResult,
  AttemptView,
  AttemptWithResult,
  CalibrationSettings,
  CooldownBody,
  CooldownError,
  CreateDisputeBody,
  Dispute,
  DisputeList,
  ResolveDisputeBody,
  SaveAnswersBody,
  StartAttemptBody,
} from '../../../../shared/schema/calibration'
import { DashboardResponse } from '../../../../shared/schema/dashboard'
import { AnnotatorDrilldown } from '../../../../shared/schema/drilldown'
import { type Operation, text } from '../operation'

const NOT_MEMBER = 'No such project, or the caller is not a member of it (`not_found`)'
const ROLE_CANNOT = 'The caller’s role may not do this (`forbidden`)'
const ROLE_CANNOT_WRITE = 'The caller’s role may not do this (`forbidden`), or a cross-site request'
const NOT_YOURS = 'Not the caller’s own attempt (`forbidden`), or a cross-site request'
const NO_ATTEMPT = 'No such project or attempt, or the attempt is someone else’s'
const CLOSED = 'The attempt was already submitted (`attempt_submitted`) or replaced (`attempt_superseded`)'
const VERSION_QUERY = z.object({
  version: z.string().optional().meta({ description: 'A version number (default: the latest)' }),
})

export const calibrationOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/projects/{id}/calibration/attempts',
    tag: 'calibration',
    summary: 'Start a calibration attempt on a version (default: the latest): a blind draw of held-out items',
    auth: 'session',
    body: StartAttemptBody,
    responses: { 201: AttemptView },
    errors: {
      403: ROLE_CANNOT_WRITE,
      404: 'No such project, or nothing published (or no such version)',
      409: {
        description:
          'An attempt is already open (`attempt_open`, with its `attemptId` to resume), or the version has no calibration items (`no_examples`)',
        schema: z.union([AttemptOpenError, ApiError]),
      },
      429: {
        description: 'The retake cool-down runs (`cooldown`; `retryAt`, and `Retry-After`)',
        schema: CooldownError,
      },
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/attempts',
    tag: 'calibration',
    summary: 'The caller’s attempts, or everyone’s with `scope=all` (owners and leads)',
    auth: 'session',
    query: z.object({
      scope: z
        .enum(['all'])
        .optional()
        .meta({ description: '`all`: every member’s attempts (owners and leads)' }),
    }),
    responses: { 200: AttemptList },
    errors: { 403: '`scope=all` by someone who is not an owner or lead (`forbidden`)', 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/attempts/{attemptId}',
    tag: 'calibration',
    summary: 'An attempt (items without gold while open) and, once submitted, its result with gold feedback',
    auth: 'session',
    responses: { 200: AttemptWithResult },
    errors: { 403: ROLE_CANNOT, 404: NO_ATTEMPT },
  },
  {
    method: 'put',
    path: '/api/projects/{id}/calibration/attempts/{attemptId}/answers/{exampleId}',
    tag: 'calibration',
    summary: 'Save the answers to one item of the caller’s open attempt (all its questions at once)',
    auth: 'session',
    body: SaveAnswersBody,
    responses: { 204: null },
    errors: {
      400: 'Invalid body, or answers that do not fit the criteria (`invalid_answer`)',
      403: NOT_YOURS,
      404: 'No such project, attempt or item in it',
      409: CLOSED,
    },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/calibration/attempts/{attemptId}/submit',
    tag: 'calibration',
    summary: 'Submit the caller’s attempt: scored on the server against gold; answers with the feedback',
    auth: 'session',
    responses: { 200: AttemptResult },
    errors: {
      400: 'Not every question is answered (`incomplete_attempt`, the gaps in `missing`)',
      403: NOT_YOURS,
      404: NO_ATTEMPT,
      409: CLOSED,
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/annotators/{userId}/status',
    tag: 'calibration',
    summary:
      'Whether an annotator is calibrated on the latest version (gate production work on `passed` only)',
    description:
      'For tools with a read token, for owners and leads about anyone, and for each member about themselves.',
    auth: 'sessionOrToken',
    responses: { 200: AnnotatorStatus },
    errors: {
      403: 'A member asking about someone else without being an owner or lead (`forbidden`)',
      404: 'No such project or member, or the read token is for another project',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/settings',
    tag: 'calibration',
    summary: 'The retake cool-down',
    auth: 'session',
    responses: { 200: CalibrationSettings },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'put',
    path: '/api/projects/{id}/calibration/settings',
    tag: 'calibration',
    summary: 'Set the retake cool-down (owners and leads)',
    auth: 'session',
    body: CooldownBody,
    responses: { 200: CalibrationSettings },
    errors: { 403: ROLE_CANNOT_WRITE, 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/calibration/disputes',
    tag: 'calibration',
    summary: 'Dispute a gold value of the caller’s submitted attempt',
    auth: 'session',
    body: CreateDisputeBody,
    responses: { 201: Dispute },
    errors: {
      403: ROLE_CANNOT_WRITE,
      404: 'No such project, or not the caller’s submitted attempt, item or question',
      409: 'The attempt is still open (`attempt_open`)',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/disputes',
    tag: 'calibration',
    summary: 'The caller’s disputes (owners and leads: everyone’s)',
    auth: 'session',
    responses: { 200: DisputeList },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/calibration/disputes/{disputeId}/resolve',
    tag: 'calibration',
    summary: 'Resolve a dispute with a reply and an outcome (owners and leads)',
    auth: 'session',
    body: ResolveDisputeBody,
    responses: { 204: null },
    errors: {
      403: ROLE_CANNOT_WRITE,
      404: 'No such project, or no such open dispute',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/analytics',
    tag: 'calibration',
    summary:
      'The results dashboard of a version: agreement per criterion, example and section, with intervals',
    auth: 'session',
    query: VERSION_QUERY,
    responses: { 200: DashboardResponse },
    errors: { 403: ROLE_CANNOT, 404: 'No such project or version, or nothing published yet' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/export.csv',
    tag: 'calibration',
    summary: 'Every submitted answer beside gold as CSV (owners and leads)',
    auth: 'session',
    responses: { 200: { description: 'One row per attempt, item and question', raw: text('text/csv') } },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/gold-audit.csv',
    tag: 'calibration',
    summary: 'The gold audit of a version as CSV (owners and leads)',
    auth: 'session',
    query: VERSION_QUERY,
    responses: { 200: { description: 'One row per item and question', raw: text('text/csv') } },
    errors: { 403: ROLE_CANNOT, 404: 'No such project or version' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/calibration/annotators/{userId}/answers',
    tag: 'calibration',
    summary: 'One annotator’s answers beside gold, by guideline section (owners and leads)',
    auth: 'session',
    query: z.object({
      version: z
        .string()
        .optional()
        .meta({ description: 'A version number (default: that of their latest submitted attempt)' }),
    }),
    responses: { 200: AnnotatorDrilldown },
    errors: { 403: ROLE_CANNOT, 404: 'No such project, annotator or version' },
  },
]
