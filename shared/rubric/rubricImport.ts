/**
 * Criteria imported into a draft: from a Yardstick version JSON (another project's published rubric) or from
 * HealthBench-style JSONL (lines with `rubrics: [{ criterion, points, tags }]`, or rubric items one per line),
 * validated with zod into criterion inits, with every problem as a sentence naming the line and field. Nothing
 * is cut short silently: a tag or criterion that does not fit is an error, not a truncation.
 */
import { z } from 'zod'
import { Criterion, MAX_CRITERIA } from '../schema/rubric'
import type { CriterionInit } from '../ydoc/rubricDoc'

/** A criterion to add: what `addCriterion` takes, and the per-criterion agreement floor it may carry. */
export type ImportedCriterion = CriterionInit & { minAgreement?: number | null }
export type ImportResult = { ok: true; criteria: ImportedCriterion[] } | { ok: false; errors: string[] }

/** At most this many problems are listed (the rest are counted). */
const MAX_LISTED = 10
const TITLE_MAX = 200

const HealthbenchItem = z.object({
  criterion: z
    .string({ error: 'criterion must be text' })
    .trim()
    .min(1, 'criterion must not be empty')
    .max(5000, 'criterion is longer than 5000 characters'),
  points: z
    .number({ error: 'points must be a number' })
    .int('points must be a whole number')
    .min(-100, 'points must be at least -100')
    .max(100, 'points must be at most 100'),
  tags: z
    .array(
      z.string().trim().min(1, 'a tag must not be empty').max(60, 'a tag is longer than 60 characters'),
      {
        error: 'tags must be a list of text',
      },
    )
    .max(20, 'at most 20 tags per criterion')
    .optional(),
})
const HealthbenchLine = z.union([
  z.object({ rubrics: z.array(z.unknown(), { error: 'rubrics must be a list' }) }),
  z.object({ criterion: z.unknown() }),
])

const issueText = (issue: z.core.$ZodIssue) =>
  `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`

/** Long HealthBench criteria keep their full text as the description; the title is its start. */
function titleAndDescription(text: string): { title: string; description: string } {
  if (text.length <= TITLE_MAX) return { title: text, description: '' }
  const cut = text.slice(0, TITLE_MAX - 1)
  const space = cut.lastIndexOf(' ')
  return { title: `${(space > 100 ? cut.slice(0, space) : cut).trimEnd()}…`, description: text }
}

function finish(criteria: ImportedCriterion[], errors: string[], existing: number): ImportResult {
  if (errors.length === 0 && criteria.length === 0) errors.push('the file holds no criteria')
  if (errors.length === 0 && existing + criteria.length > MAX_CRITERIA)
    errors.push(
      `too many criteria: the rubric has ${existing} and the file ${criteria.length}; a rubric holds at most ${MAX_CRITERIA}`,
    )
  if (errors.length > MAX_LISTED)
    return {
      ok: false,
      errors: [...errors.slice(0, MAX_LISTED), `…and ${errors.length - MAX_LISTED} more problems`],
    }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, criteria }
}

/**
 * HealthBench-style JSONL as points criteria. A line is either an example (`rubrics: [...]`, as in
 * openai/simple-evals) or one rubric item (`{ criterion, points, tags }`); blank lines are skipped. The same
 * criterion text with the same points on several examples is imported once.
 */
export function criteriaFromHealthbenchJsonl(text: string, existing = 0): ImportResult {
  const criteria: ImportedCriterion[] = []
  const errors: string[] = []
  const seen = new Set<string>()
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((raw, index) => {
    const n = index + 1
    if (!raw.trim()) return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      errors.push(`line ${n}: not valid JSON`)
      return
    }
    const line = HealthbenchLine.safeParse(value)
    if (!line.success) {
      errors.push(`line ${n}: expected an object with "rubrics" or "criterion"`)
      return
    }
    const items = 'rubrics' in line.data ? line.data.rubrics : [value]
    items.forEach((item, i) => {
      const where = 'rubrics' in line.data ? `line ${n}, rubrics.${i}` : `line ${n}`
      const parsed = HealthbenchItem.safeParse(item)
      if (!parsed.success) {
        errors.push(`${where}: ${issueText(parsed.error.issues[0]!)}`)
        return
      }
      const { criterion, points, tags = [] } = parsed.data
      const key = `${points}\u0000${criterion}`
      if (seen.has(key)) return
      seen.add(key)
      criteria.push({ kind: 'points', points, tags: [...new Set(tags)], ...titleAndDescription(criterion) })
    })
  })
  return finish(criteria, errors, existing)
}

/** The parts of a version JSON an import reads: its rubric's criteria (checked like a published rubric). */
const VersionCriteria = z.object({
  rubric: z.object(
    { criteria: z.array(z.unknown(), { error: 'rubric.criteria must be a list' }) },
    {
      error: 'not a Yardstick version: it has no rubric',
    },
  ),
})

/** A Yardstick version JSON's criteria as inits (task types, examples and gold stay behind). */
export function criteriaFromVersionJson(text: string, existing = 0): ImportResult {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { ok: false, errors: ['the file is not valid JSON'] }
  }
  const version = VersionCriteria.safeParse(value)
  if (!version.success) return { ok: false, errors: [issueText(version.error.issues[0]!)] }
  const criteria: ImportedCriterion[] = []
  const errors: string[] = []
  version.data.rubric.criteria.forEach((raw, i) => {
    const parsed = Criterion.safeParse(raw)
    if (!parsed.success) {
      errors.push(`criterion ${i + 1}: ${issueText(parsed.error.issues[0]!)}`)
      return
    }
    criteria.push(criterionInit(parsed.data))
  })
  return finish(criteria, errors, existing)
}

/** A published criterion as what `addCriterion` starts from (a new id: the draft may hold the old one). */
export function criterionInit(criterion: Criterion): ImportedCriterion {
  const { id: _id, ...rest } = criterion
  return rest
}
