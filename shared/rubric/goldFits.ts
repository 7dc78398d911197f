/** Whether a gold (or rater) value is a valid answer for a criterion, by kind, and how to show one. */
import type { Criterion, GoldValue } from '../schema/rubric'
import { describePreference, isPairwiseStrength } from './pairwiseStrength'

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
        (value.choice === 'A' || value.choice === 'B' || (value.choice === 'tie' && criterion.allowTie)) &&
        (value.strength === undefined || isPairwiseStrength(value.strength)) &&
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
      return describePreference(value.choice, value.strength)
    }
  }
}
