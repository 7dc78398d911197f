/**
 * OpenAPI declarations of published versions (the API tools read with a read token), their exports, the diff,
 * the gold CSV and the read tokens (server/http/versions.ts, diff.ts, goldExport.ts, readTokenRoutes.ts).
 */
import { z } from 'zod'
import { VersionDiff } from '../../../../shared/schema/diff'
import { EXPORT_FORMAT_NAMES, GOLD_OMITTED_HEADER } from '../../../../shared/schema/exports'
import {
  CreatedReadToken,
  CreateReadTokenBody,
  PublishBody,
  PublishRefusal,
  ReadTokenList,
  VersionJson,
  VersionList,
  VersionSummary,
} from '../../../../shared/schema/version'
import { bytes, conditional, type Operation, text } from '../operation'

const NOT_MEMBER = 'No such project, or the caller is not a member of it (`not_found`)'
const NO_VERSION = 'No such project or version (`not_found`), or the read token is for another project'
const ROLE_CANNOT = 'The caller’s role may not do this (`forbidden`)'
const CACHED = {
  ETag: 'A hash of the exact bytes; send it back in `If-None-Match` to get 304',
  'Cache-Control': '`private, no-cache`: caches keep the bytes and revalidate on every use',
}

export const versionOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/projects/{id}/versions',
    tag: 'versions',
    summary: 'Publish the draft as a new immutable version (owners and leads)',
    auth: 'session',
    body: PublishBody,
    responses: { 201: VersionSummary },
    errors: {
      403: 'The caller’s role may not publish (`forbidden`), or a cross-site request',
      404: NOT_MEMBER,
      422: {
        description: 'The rubric has problems to fix first (`draft_has_problems`), listed in `problems`',
        schema: PublishRefusal,
      },
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions',
    tag: 'versions',
    summary: 'The version history, newest first',
    description:
      'Owners and leads also get each version’s calibration tally (`calibration`) and pool (`pool`).',
    auth: 'sessionOrToken',
    responses: { 200: VersionList },
    errors: { 404: NO_VERSION },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}',
    tag: 'versions',
    summary: 'A published version’s JSON (guideline, rubric, examples)',
    headers: conditional,
    description:
      'Validates against `shared/schema/version.schema.json`. Read tokens, annotators and reviewers get no gold values or rationales (`includesGold: false`); read tokens and annotators never see held-out calibration items.',
    auth: 'sessionOrToken',
    responses: {
      200: { description: 'The version', json: VersionJson, headers: CACHED },
      304: null,
    },
    errors: { 404: NO_VERSION },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}/markdown',
    tag: 'versions',
    summary: 'A published version as a Markdown download',
    headers: conditional,
    auth: 'sessionOrToken',
    responses: {
      200: {
        description: 'The guideline and rubric as Markdown',
        raw: text('text/markdown'),
        headers: CACHED,
      },
      304: null,
    },
    errors: { 404: NO_VERSION },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}/print',
    tag: 'versions',
    summary: 'A published version as a printable HTML page',
    headers: conditional,
    auth: 'sessionOrToken',
    responses: {
      200: { description: 'The printable page', raw: text('text/html'), headers: CACHED },
      304: null,
    },
    errors: { 404: NO_VERSION },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}/export/{format}',
    tag: 'versions',
    summary: 'A published version as a file for another tool (Label Studio, HealthBench JSONL, gold CSV)',
    description: `Formats: ${EXPORT_FORMAT_NAMES.join(', ')} (docs/import-export.md). \`gold.csv\` needs gold (owners, leads, read tokens with the \`gold\` scope); \`label-studio-tasks.json\` carries gold as annotations only for them, and says \`${GOLD_OMITTED_HEADER}: omitted\` otherwise.`,
    headers: conditional,
    auth: 'sessionOrToken',
    query: z.object({
      taskType: z
        .string()
        .optional()
        .meta({ description: 'Label Studio formats: the task type to export (default: the first)' }),
    }),
    responses: {
      200: {
        description: 'The file, as an attachment',
        raw: {
          ...text('application/xml'),
          ...text('application/json'),
          ...text('application/x-ndjson'),
          ...text('text/csv'),
        },
        headers: CACHED,
      },
      304: null,
    },
    errors: {
      403: 'The format holds gold and the reader may not see gold (`forbidden`)',
      404: 'No such project, version, format or task type (`not_found`), or the read token is for another project',
      422: 'HealthBench JSONL of a version without points criteria (`no_points_criteria`)',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}/snapshot',
    tag: 'versions',
    summary: 'A published version’s Yjs state (owners and leads), for restoring it into the draft',
    auth: 'session',
    responses: {
      200: { description: 'A Yjs update (V1 encoding)', raw: bytes('application/octet-stream') },
    },
    errors: { 403: ROLE_CANNOT, 404: 'No such project or version' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/versions/{version}/gold.csv',
    tag: 'versions',
    summary: 'A published version’s gold as CSV, one row per example and question slot (owners and leads)',
    auth: 'session',
    responses: { 200: { description: 'UTF-8 CSV with a byte-order mark', raw: text('text/csv') } },
    errors: { 403: ROLE_CANNOT, 404: 'No such project or version' },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/diff',
    tag: 'versions',
    summary: 'What changed between two versions, or a version and the live draft',
    description:
      'Comparing with the draft needs a role that reads it (not annotators); gold changes only show to owners and leads.',
    auth: 'session',
    query: z.object({
      from: z.string().meta({ description: 'A version number, `latest` or `draft`' }),
      to: z.string().optional().meta({ description: 'A version number, `latest` or `draft` (the default)' }),
    }),
    responses: { 200: VersionDiff },
    errors: {
      400: '`from` is missing (`invalid_query`)',
      403: ROLE_CANNOT,
      404: 'No such project or version',
    },
  },
  {
    method: 'get',
    path: '/api/projects/{id}/tokens',
    tag: 'versions',
    summary: 'The project’s read tokens (owners and leads; never the tokens themselves)',
    auth: 'session',
    responses: { 200: ReadTokenList },
    errors: { 403: ROLE_CANNOT, 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/tokens',
    tag: 'versions',
    summary: 'Create a read token for a tool (owners and leads); the token is shown only in this answer',
    auth: 'session',
    body: CreateReadTokenBody,
    responses: { 201: CreatedReadToken },
    errors: {
      403: 'The caller’s role may not do this (`forbidden`), or a cross-site request',
      404: NOT_MEMBER,
    },
  },
  {
    method: 'delete',
    path: '/api/projects/{id}/tokens/{tokenId}',
    tag: 'versions',
    summary: 'Revoke a read token',
    auth: 'session',
    responses: { 204: null },
    errors: {
      403: 'The caller’s role may not do this (`forbidden`), or a cross-site request',
      404: 'No such project or token',
    },
  },
]
