/** A stable colour per annotator name for the charts. */
const COLORS = ['#4f46e5', '#127a3e', '#b45309', '#be185d', '#0e7490', '#7c3aed', '#b42318', '#4d7c0f']

export function colorFor(name: string): string {
  let hash = 0
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) | 0
  return COLORS[Math.abs(hash) % COLORS.length] ?? '#4f46e5'
}
