/**
 * The gold of a published version as CSV (RFC 4180): one row per example and criterion that has gold, with
 * the accepted values and rationales, for leads who check gold in a spreadsheet. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe.
 */
import type { CalibrationExample, GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'

const HEADER = [
  'example_id',
  'example_title',
  'difficulty',
  'section_id',
  'criterion_id',
  'criterion_title',
  'criterion_kind',
  'accepted',
  'criterion_rationale',
  'example_rationale',
]

/** Quotes a cell when needed; text that would start a formula is defused. */
export function csvCell(value: string, { text = true } = {}): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function goldText(value: GoldValue): string {
  if (typeof value === 'object') return value.strength ? `${value.choice} (${value.strength})` : value.choice
  return String(value)
}

function isFullExample(example: VersionJson['examples'][number]): example is CalibrationExample {
  return 'gold' in example
}

export function goldCsv(version: VersionJson): string {
  const rows = [HEADER.join(',')]
  for (const example of version.examples) {
    if (!isFullExample(example)) continue
    for (const criterion of version.rubric.criteria) {
      const gold = example.gold[criterion.id]
      if (!gold) continue
      const accepted = gold.accepted.map(goldText).join(' | ')
      rows.push(
        [
          csvCell(example.id),
          csvCell(example.title),
          csvCell(example.difficulty),
          csvCell(example.sectionId ?? ''),
          csvCell(criterion.id),
          csvCell(criterion.title),
          csvCell(criterion.kind),
          // Accepted values are data ("-1" points, "A (slight)"), not text typed by a person: kept as is.
          csvCell(accepted, { text: false }),
          csvCell(gold.rationale),
          csvCell(example.rationale),
        ].join(','),
      )
    }
  }
  return `${rows.join('\r\n')}\r\n`
}
