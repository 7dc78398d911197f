/**
 * The gold of a published version as CSV (RFC 4180): one row per example and question (slot) with gold, with
 * the accepted values and rationales, for leads who check gold in a spreadsheet. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe.
 */

import { describeGold, goldLines } from '../../shared/diff/goldText'
import { isPairwiseValue } from '../../shared/rubric/valueShapes'
import type { CalibrationExample, Criterion, ExampleContent, GoldValue } from '../../shared/schema/rubric'
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
  // Added with task types (at the end, so older readers of the columns above keep working).
  'slot_key',
  'target',
]

/** Quotes a cell when needed; text that would start a formula is defused. */
export function csvCell(value: string, { text = true } = {}): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Older kinds keep their compact form (`A (slight)`, `3`, `true`); newer shapes read as words. */
function goldText(criterion: Criterion, value: GoldValue, content: ExampleContent): string {
  if (isPairwiseValue(value)) return value.strength ? `${value.choice} (${value.strength})` : value.choice
  if (typeof value === 'object') return describeGold(criterion, value, content)
  return String(value)
}

function isFullExample(example: VersionJson['examples'][number]): example is CalibrationExample {
  return 'gold' in example
}

export function goldCsv(version: VersionJson): string {
  const rows = [HEADER.join(',')]
  for (const example of version.examples) {
    if (!isFullExample(example)) continue
    for (const { slot, gold } of goldLines(version.rubric, example)) {
      const criterion = slot.criterion
      const accepted = gold.accepted.map((value) => goldText(criterion, value, example.content)).join(' | ')
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
          csvCell(slot.key),
          csvCell(slot.target ?? ''),
        ].join(','),
      )
    }
  }
  return `${rows.join('\r\n')}\r\n`
}
