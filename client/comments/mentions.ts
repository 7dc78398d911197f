/** @mentions in plain-text comment bodies: who a body mentions, and the partial mention being typed. */
import type { Person } from '../../shared/schema/comments'

/** Ids of the people whose `@Name` appears in the body. */
export function findMentions(body: string, people: Person[]): string[] {
  return people.filter((p) => p.name && body.includes(`@${p.name}`)).map((p) => p.id)
}

/** The `@partial` right before the caret (null when the caret is not in a mention). */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret))
  if (!match) return null
  return { start: caret - match[2]!.length - 1, query: match[2]! }
}

export function matchingPeople(people: Person[], query: string, exclude: string): Person[] {
  const q = query.toLowerCase()
  return people
    .filter((p) => p.id !== exclude)
    .filter(
      (p) =>
        p.name
          .toLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(q)) || !q,
    )
    .slice(0, 6)
}
