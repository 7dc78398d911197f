/**
 * What a rating is for the agreement statistics: a category value (a rubric's boolean, ordinal level or
 * label), or missing. Pairwise answers and other objects are mapped to a string key by the caller.
 */

export type Category = string | number | boolean

/** A rating that may be missing (the rater skipped the item, or did not see it). */
export type Rating<T extends Category = Category> = T | null | undefined

export function isMissing<T extends Category>(rating: Rating<T>): rating is null | undefined {
  return rating === null || rating === undefined
}

/**
 * Position of each category in the list, or the first repeated category. NaN is refused (it would make
 * a category no rating can equal under `===`).
 */
export function indexCategories<T extends Category>(
  categories: readonly T[],
): { index: Map<T, number> } | { invalid: string } {
  const index = new Map<T, number>()
  for (const [position, category] of categories.entries()) {
    if (typeof category === 'number' && Number.isNaN(category)) return { invalid: 'a category is NaN' }
    if (index.has(category)) return { invalid: `category ${String(category)} is listed twice` }
    index.set(category, position)
  }
  return { index }
}
