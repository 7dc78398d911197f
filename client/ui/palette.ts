/** Account colours (caret, avatar) and the initials shown on avatars. */

/** Saturated enough to read as a caret, dark enough for white initials on top. */
export const PALETTE = [
  '#2563eb',
  '#7c3aed',
  '#c026d3',
  '#db2777',
  '#dc2626',
  '#c2410c',
  '#a16207',
  '#15803d',
  '#0f766e',
  '#0369a1',
] as const

export const DEFAULT_COLOR = '#2563eb'

/** A colour from the palette for a new account, so people invited together don't all look alike. */
export function randomColor(): string {
  return PALETTE[Math.floor(Math.random() * PALETTE.length)] ?? DEFAULT_COLOR
}

const TITLES = new Set(['dr', 'dr.', 'prof', 'prof.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.'])

/** Up to two letters from the first and last words of a name, skipping titles such as "Dr.". */
export function initialsOf(name: string): string {
  const all = name.trim().split(/\s+/).filter(Boolean)
  const words = all.length > 1 ? all.filter((word) => !TITLES.has(word.toLowerCase())) : all
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1)
  const letters = picked.map((word) => Array.from(word ?? '')[0] ?? '')
  return letters.join('').toUpperCase() || '?'
}
