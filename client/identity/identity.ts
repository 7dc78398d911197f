/**
 * The local identity used until accounts exist: a display name and a caret colour, kept in localStorage under
 * `yardstick.identity`. A first visit gets a friendly random default that the user is invited to confirm.
 */

export interface Identity {
  name: string
  /** `#rrggbb`; TipTap's caret extension ignores any other format. */
  color: string
  /** False until the user has chosen (or accepted) the name. */
  confirmed: boolean
}

export const STORAGE_KEY = 'yardstick.identity'
export const MAX_NAME_LENGTH = 40

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

const ANIMALS = ['Heron', 'Otter', 'Fox', 'Lynx', 'Robin', 'Badger', 'Marten', 'Wren', 'Puffin', 'Ibex']
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T
}

export function randomIdentity(): Identity {
  return { name: `Guest ${pick(ANIMALS)}`, color: pick(PALETTE), confirmed: false }
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH)
}

export function isValidColor(color: unknown): color is string {
  return typeof color === 'string' && COLOR_PATTERN.test(color)
}

/** Parses a stored identity, or returns null when it is missing or malformed. */
export function parseIdentity(raw: string | null): Identity | null {
  if (!raw) return null
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return null
    const { name, color, confirmed } = value as Record<string, unknown>
    if (typeof name !== 'string' || !cleanName(name) || !isValidColor(color)) return null
    return { name: cleanName(name), color, confirmed: confirmed !== false }
  } catch {
    return null
  }
}

/** Up to two letters from the first two words of a name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '')
  return letters.join('').toUpperCase() || '?'
}
