/** The gold CSV's cells: RFC 4180 quoting, and text a spreadsheet would run as a formula defused. */
import { describe, expect, it } from 'vitest'
import { csvCell } from '../../server/publish/goldCsv'

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('defuses text that starts like a formula, but keeps data such as negative points', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1 for tone')).toBe("'+1 for tone")
    expect(csvCell('@home')).toBe("'@home")
    expect(csvCell('-2', { text: false })).toBe('-2')
  })
})
