/** A comment body as plain text (React escapes it), with the @mentions of known people marked. */
import type { ReactNode } from 'react'
import type { Person } from '../../shared/schema/comments'

export function CommentBody({ body, mentioned }: { body: string; mentioned: Person[] }) {
  const names = mentioned.map((p) => `@${p.name}`).filter((n) => n.length > 1)
  if (names.length === 0) return <p className="comment__body">{body}</p>
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const parts = body.split(new RegExp(`(${escaped.join('|')})`, 'g'))
  const nodes: ReactNode[] = parts.map((part, i) =>
    names.includes(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder
      <span key={i} className="mention">
        {part}
      </span>
    ) : (
      part
    ),
  )
  return <p className="comment__body">{nodes}</p>
}
