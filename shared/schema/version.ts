/**
 * Published versions: the immutable JSON a version is stored as and served to tools, the list entries of
 * the history page, and the publish and read-token payloads.
 */
import { z } from 'zod'
import { PoolSummary } from './poolSummary'
import { CalibrationExample, Rubric } from './rubric'
import { safeName } from './safeText'

export const VERSION_FORMAT = 'urn:yardstick:version:1'
export const SEMVER = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/

export const Bump = z.enum(['major', 'minor', 'patch'])
export type Bump = z.infer<typeof Bump>

export const PublishBody = z
  .object({ bump: Bump, changelog: z.string().trim().min(1, 'write a changelog note').max(5000) })
  .strict()

export const GuidelineSection = z.object({ id: z.string(), title: z.string(), level: z.number().int() })

/** An example as annotators and read tokens see it: no gold values, no rationales. */
export const PublicExample = CalibrationExample.omit({ gold: true, rationale: true })
export type PublicExample = z.infer<typeof PublicExample>

export const VersionJson = z.object({
  format: z.literal(VERSION_FORMAT),
  project: z.object({ id: z.string(), name: z.string() }),
  version: z.string().regex(SEMVER),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), name: z.string() }),
  changelog: z.string(),
  /** Threads still open on the draft when this version was published. */
  openThreadsAtPublish: z.number().int().min(0),
  guideline: z.object({
    /** The ProseMirror document (TipTap JSON). */
    doc: z.record(z.string(), z.unknown()),
    html: z.string(),
    markdown: z.string(),
    sections: z.array(GuidelineSection),
  }),
  rubric: Rubric,
  /** True when examples carry gold values and rationales (owners and leads only). */
  includesGold: z.boolean(),
  examples: z.array(z.union([CalibrationExample, PublicExample])),
})
export type VersionJson = z.infer<typeof VersionJson>

export const VersionSummary = z.object({
  version: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  changelog: z.string(),
  bump: Bump,
  criteria: z.number().int(),
  examples: z.number().int(),
  openThreadsAtPublish: z.number().int(),
  /** Calibration on this version, latest attempt per person (owners and leads only; null for others). */
  calibration: z
    .object({
      /** Blind passes only (what the status API reports as `passed`). */
      passed: z.number().int(),
      /** Passes by people who could read gold (`passed_not_blind`). */
      passedNotBlind: z.number().int().optional(),
      failed: z.number().int(),
      inProgress: z.number().int(),
    })
    .nullable()
    .optional(),
  /** What this version's calibration draws from, and which examples are excluded (owners and leads only). */
  pool: PoolSummary.optional(),
})
export type VersionSummary = z.infer<typeof VersionSummary>

export const CreateReadTokenBody = z
  .object({ name: safeName(z.string().trim().min(1, 'name must not be empty').max(80, 'name is too long')) })
  .strict()
export const ReadToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
})
export type ReadToken = z.infer<typeof ReadToken>

export const VersionList = z.object({ versions: z.array(VersionSummary) })
export const ReadTokenList = z.object({ tokens: z.array(ReadToken) })
/** The answer to creating a read token: the only time the token itself is shown. */
export const CreatedReadToken = ReadToken.extend({ token: z.string() })
export type CreatedReadToken = z.infer<typeof CreatedReadToken>

/** One of the rubric checks (`shared/rubric/problems.ts`) as the publish refusal lists it. */
export const DraftProblem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  criterionId: z.string().optional(),
  exampleId: z.string().optional(),
})
/** Publishing refused (422 `draft_has_problems`): the error body with the problems to fix. */
export const PublishRefusal = z.object({
  error: z.string(),
  message: z.string(),
  problems: z.array(DraftProblem),
})
