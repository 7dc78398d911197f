/** Name and colour picker for the local identity, used by the welcome card and the header menu. */
import { type FormEvent, useId, useState } from 'react'
import { MAX_NAME_LENGTH, PALETTE } from './identity'
import { saveIdentity, useIdentity } from './useIdentity'

interface IdentityFormProps {
  submitLabel: string
  onSaved?: () => void
  autoFocus?: boolean
}

export function IdentityForm({ submitLabel, onSaved, autoFocus = false }: IdentityFormProps) {
  const identity = useIdentity()
  const [name, setName] = useState(identity.confirmed ? identity.name : '')
  const [color, setColor] = useState(identity.color)
  const nameId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    saveIdentity(name, color)
    onSaved?.()
  }

  return (
    <form className="identity-form" onSubmit={submit}>
      <div>
        <label className="field-label" htmlFor={nameId}>
          Your name
        </label>
        <input
          id={nameId}
          className="text-input"
          data-testid="identity-name"
          value={name}
          placeholder={identity.name}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="name"
          // biome-ignore lint/a11y/noAutofocus: the form opens on request and is only about this field
          autoFocus={autoFocus}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <fieldset className="swatches">
        <legend className="field-label">Cursor colour</legend>
        {PALETTE.map((swatch) => (
          <label key={swatch} className="swatch" style={{ backgroundColor: swatch }} title={swatch}>
            <input
              type="radio"
              name="identity-color"
              value={swatch}
              checked={color === swatch}
              onChange={() => setColor(swatch)}
              aria-label={`Colour ${swatch}`}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary" data-testid="identity-save">
        {submitLabel}
      </button>
    </form>
  )
}
