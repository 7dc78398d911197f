/** Shorthands shared by the templates: criterion defaults, gold entries, and the attempt settings they use. */
import type { AttemptSettings, GoldEntry, GoldValue, OrdinalLevel } from '../schema/rubric'

/** The fields every criterion has, with the defaults a new criterion gets. */
export const base = (id: string, title: string, description: string, tags: string[] = []) => ({
  id,
  title,
  description,
  tags,
  weight: 1,
  rationaleRequired: false,
})

/** Ordinal levels from descriptors, valued from `first` upwards. */
export function levels(labels: string[], descriptors: string[], first = 0): OrdinalLevel[] {
  return descriptors.map((descriptor, index) => ({
    value: first + index,
    label: labels[index] ?? String(first + index),
    descriptor,
  }))
}

/** A gold entry: one or more accepted values and the reason. */
export const gold = (rationale: string, ...accepted: GoldValue[]): GoldEntry => ({ accepted, rationale })

/** Every calibration item in each attempt, no section quota, no hint. */
export const ALL_ITEMS: AttemptSettings = { itemsPerAttempt: null, minPerSection: 0, showSectionHint: false }
