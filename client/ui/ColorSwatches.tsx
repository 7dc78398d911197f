/** Radio buttons over the account palette: the colour of your avatar and of your caret in the editor. */
import { PALETTE } from './palette'

interface ColorSwatchesProps {
  value: string
  onChange: (color: string) => void
  name: string
  legend?: string
}

export function ColorSwatches({ value, onChange, name, legend = 'Colour' }: ColorSwatchesProps) {
  return (
    <fieldset className="swatches" data-testid="color-swatches">
      <legend className="field-label">{legend}</legend>
      {PALETTE.map((swatch) => (
        <label key={swatch} className="swatch" style={{ backgroundColor: swatch }} title={swatch}>
          <input
            type="radio"
            name={name}
            value={swatch}
            checked={value === swatch}
            onChange={() => onChange(swatch)}
            aria-label={`Colour ${swatch}`}
          />
        </label>
      ))}
    </fieldset>
  )
}
