/** Turns scenario results into readable sections: aligned text for stdout and Markdown for RESULTS.md. */

export interface Target {
  text: string
  /** null when it could not be measured in this run. */
  met: boolean | null
}

export interface Section {
  title: string
  /** What was measured, in one or two sentences. */
  setup: string
  header: string[]
  rows: string[][]
  /** Further tables of the same scenario, printed after the main one. */
  subtables?: { title: string; header: string[]; rows: string[][] }[]
  targets: Target[]
  notes: string[]
}

const dash = '–'
const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value)

export const fmt = {
  ms: (value: number | null | undefined) =>
    finite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : dash,
  int: (value: number | null | undefined) =>
    finite(value) ? Math.round(value).toLocaleString('en-US') : dash,
  pct: (value: number | null | undefined) => (finite(value) ? `${value.toFixed(1)} %` : dash),
  ratio: (value: number | null | undefined) => (finite(value) ? `${value.toFixed(2)}×` : dash),
  bytes: (value: number | null | undefined) => {
    if (!finite(value)) return dash
    if (Math.abs(value) < 10_000) return `${Math.round(value)} B`
    if (Math.abs(value) < 10_000_000) return `${(value / 1024).toFixed(1)} KB`
    return `${(value / 1024 / 1024).toFixed(1)} MB`
  },
}

export function targetMark(met: boolean | null): string {
  return met === null ? 'not judged' : met ? 'met' : 'MISSED'
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
}

function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)))
  const lines = [`  ${pad(header, widths)}`, `  ${widths.map((width) => '-'.repeat(width)).join('  ')}`]
  for (const row of rows) lines.push(`  ${pad(row, widths)}`)
  return lines
}

export function renderText(section: Section): string {
  const lines = [section.title, `  ${section.setup}`, '', ...textTable(section.header, section.rows)]
  for (const table of section.subtables ?? [])
    lines.push('', `  ${table.title}`, ...textTable(table.header, table.rows))
  if (section.targets.length > 0) lines.push('')
  for (const target of section.targets) lines.push(`  target: ${target.text} — ${targetMark(target.met)}`)
  for (const note of section.notes) lines.push(`  note: ${note}`)
  return `${lines.join('\n')}\n`
}

export function renderMarkdown(section: Section): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|')
  const table = (header: string[], rows: string[][]) => [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
  ]
  const lines = [`### ${section.title}`, '', section.setup, '', ...table(section.header, section.rows)]
  for (const sub of section.subtables ?? []) lines.push(`${sub.title}:`, '', ...table(sub.header, sub.rows))
  for (const target of section.targets) lines.push(`- Target: ${target.text} — **${targetMark(target.met)}**`)
  for (const note of section.notes) lines.push(`- ${note}`)
  return `${lines.join('\n')}\n`
}
