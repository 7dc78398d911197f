/**
 * UTF-16 surrogate pairs (an emoji is two code units): how long the character before or after an index is,
 * and whether an index falls between the two halves of one — so a suggested range never splits a character.
 */

export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff
export const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff

/** How many UTF-16 units the character before `index` takes (2 for an emoji's surrogate pair). */
export function lengthBefore(text: string, index: number): number {
  if (index <= 0) return 0
  return index >= 2 &&
    isLowSurrogate(text.charCodeAt(index - 1)) &&
    isHighSurrogate(text.charCodeAt(index - 2))
    ? 2
    : 1
}

/** How many UTF-16 units the character at `index` takes (0 at the end). */
export function lengthAfter(text: string, index: number): number {
  if (index >= text.length) return 0
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1
}

/** Whether `index` lies between the two halves of a surrogate pair of `text`. */
export function splitsPair(text: string, index: number): boolean {
  return index > 0 && lengthAfter(text, index - 1) === 2
}
