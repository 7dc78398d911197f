/** A round avatar with a person's initials on their colour; the full name shows on hover and to screen readers. */
import { initialsOf } from './palette'

interface AvatarProps {
  name: string
  color: string
  size?: 'small' | 'medium' | 'large'
  label?: string
}

export function Avatar({ name, color, size = 'medium', label = name }: AvatarProps) {
  return (
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: color }} title={label}>
      <span aria-hidden="true">{initialsOf(name)}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  )
}
