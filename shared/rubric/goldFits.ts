/** Whether a gold (or rater) value is a valid answer for a criterion, by kind. */
import type { Criterion, GoldValue } from '../schema/rubric'

export function goldFits(criterion: Criterion, value: GoldValue): boolean {
  switch (criterion.kind) {
    case 'binary':
    case 'points':
      return typeof value === 'boolean'
    case 'ordinal':
      return typeof value === 'number' && criterion.levels.some((level) => level.value === value)
    case 'label':
      return typeof value === 'string' && criterion.labels.some((label) => label.value === value)
    case 'pairwise':
      return (
        typeof value === 'object' &&
        value !== null &&
        (value.choice !== 'tie' || criterion.allowTie) &&
        (!criterion.strengthRequired || value.choice === 'tie' || value.strength !== undefined)
      )
  }
}

/** A readable form of a value for a criterion (e.g. "4 — Mostly helpful", "A, clearly better"). */
export function describeValue(criterion: Criterion, value: GoldValue): string {
  switch (criterion.kind) {
    case 'binary':
      return value === true ? 'Yes' : value === false ? 'No' : String(value)
    case 'points':
      return value === true ? 'Met' : value === false ? 'Not met' : String(value)
    case 'ordinal': {
      const level = criterion.levels.find((l) => l.value === value)
      return level?.label ? `${level.value} — ${level.label}` : String(value)
    }
    case 'label':
      return String(value)
    case 'pairwise': {
      if (typeof value !== 'object' || value === null) return String(value)
      if (value.choice === 'tie') return 'Tie'
      return value.strength
        ? `${value.choice}, ${value.strength}ly better`.replace('strongly', 'much')
        : value.choice
    }
  }
}
