/**
 * Exports of a published version: Markdown (guideline, rubric, examples) and a printable HTML page with
 * print CSS (page breaks between parts) so "Save as PDF" gives a clean document. Gold appears only in the
 * variants built for owners and leads. Every text is escaped; the guideline HTML is sanitised again here, so
 * versions published before the sanitiser existed print safely too.
 */

import { goldLines } from '../../shared/diff/goldText'
import type { CalibrationExample, Criterion } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { sanitizeHtml } from './sanitizeHtml'
import {
  contentPartsWithPaths,
  escapeHtml,
  escapeMarkdown,
  exampleMediaHtml,
  exampleMediaLists,
  exampleMediaMarkdown,
} from './text'

const esc = escapeHtml
const md = escapeMarkdown

function criterionScale(c: Criterion): string[] {
  switch (c.kind) {
    case 'binary':
      return ['Yes / No']
    case 'points':
      return [`${c.points > 0 ? '+' : ''}${c.points} points when met`]
    case 'ordinal':
      return [
        ...c.levels.map((l) => `${l.value} — ${l.label}: ${l.descriptor}`),
        `Tolerance: ±${c.tolerance}`,
      ]
    case 'pairwise':
      return [`A / B${c.allowTie ? ' / Tie' : ''}${c.strengthRequired ? ', with strength' : ''}`]
    case 'label':
      return c.labels.map(
        (l) => `${l.value}${c.passingLabels.includes(l.value) ? ' (passing)' : ''}: ${l.description}`,
      )
    case 'multiLabel':
      return [
        ...c.labels.map((l) => `${l.value}: ${l.description}`),
        c.minJaccard >= 1
          ? 'Any set of labels; agrees with the exact gold set'
          : `Any set of labels; agrees at Jaccard overlap ≥ ${percent(c.minJaccard)}`,
      ]
    case 'span':
      return [
        ...c.labels.map((l) => `${l.value}: ${l.description}`),
        `Marked spans match at ${percent(c.minOverlap)} overlap; agrees at span F1 ≥ ${percent(c.minF1)}`,
      ]
    case 'stepVerdict':
      return [
        `Verdict per step: ${c.verdicts.join(' / ')}`,
        ...(c.mode !== 'firstWrong'
          ? [`Per step: agrees when ≥ ${percent(c.minStepAgreement)} of steps match`]
          : []),
        ...(c.mode !== 'perStep'
          ? [`First wrong step${c.stepTolerance > 0 ? ` (±${c.stepTolerance} steps)` : ''}`]
          : []),
      ]
  }
}

const percent = (share: number) => `${Math.round(share * 100)} %`
const allowsNA = (c: Criterion) => (c.allowNA ? ['N/A allowed'] : [])

/** The task types of the rubric, in words (none: every criterion applies to every example). */
function taskTypeLines(v: VersionJson): string[] {
  const titles = new Map(v.rubric.criteria.map((c) => [c.id, c.title]))
  return (v.rubric.taskTypes ?? []).map(
    (t) =>
      `${t.name} (${t.contentKind} content): ${t.criterionIds.map((id) => titles.get(id) ?? id).join(', ') || 'no criteria'}`,
  )
}

const hasGold = (e: VersionJson['examples'][number]): e is CalibrationExample => 'gold' in e

export function versionMarkdown(v: VersionJson): string {
  const out = [
    `<!-- ${md(v.project.name)} — version ${v.version}, published ${v.publishedAt} by ${md(v.publishedBy.name)} -->`,
    '',
    v.guideline.markdown.trim(),
    '',
    `## Rubric: ${md(v.rubric.title)}`,
    '',
    md(v.rubric.instructions),
    '',
    `Pass threshold: ${Math.round(v.rubric.passThreshold * 100)} %`,
    '',
  ]
  for (const c of v.rubric.criteria) {
    out.push(`### ${md(c.title)} (${c.kind}, weight ${c.weight})`, '', md(c.description), '')
    for (const line of [...criterionScale(c), ...allowsNA(c)]) out.push(`- ${md(line)}`)
    out.push('')
  }
  const types = taskTypeLines(v)
  if (types.length > 0) {
    out.push('### Task types', '')
    for (const line of types) out.push(`- ${md(line)}`)
    out.push('')
  }
  const typeNames = new Map((v.rubric.taskTypes ?? []).map((t) => [t.id, t.name]))
  out.push('## Calibration examples', '')
  for (const e of v.examples) {
    const type = e.taskTypeId ? typeNames.get(e.taskTypeId) : undefined
    out.push(`### ${md(e.title)} (${e.difficulty}${type ? `, ${md(type)}` : ''})`, '')
    for (const { path, label, text } of contentPartsWithPaths(e.content)) {
      // content.markdown is written by the shared serializer, which escapes every text it contains.
      const markdown = e.content.markdown?.[path]
      out.push(`**${md(label)}**`, '', markdown ? markdown.trim() : md(text), '')
    }
    for (const { label, items } of exampleMediaLists(e.content))
      out.push(`**${md(label)}**`, '', ...exampleMediaMarkdown(items), '')
    if (hasGold(e)) {
      out.push('**Gold**', '')
      for (const line of goldLines(v.rubric, e)) {
        out.push(
          `- ${md(line.title)}: ${md(line.values)}${line.gold.rationale ? ` — ${md(line.gold.rationale)}` : ''}`,
        )
      }
      out.push('', `**Rationale:** ${md(e.rationale)}`, '')
    }
  }
  return `${out.join('\n').trim()}\n`
}

const PRINT_CSS = `
  body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
  h1, h2, h3, h4, h5 { font-family: system-ui, sans-serif; line-height: 1.25; break-after: avoid; }
  header.meta { font: 9pt system-ui, sans-serif; color: #555; border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; }
  .part { break-before: page; }
  .calibration-example { border: 1px solid #bbb; border-radius: 4px; padding: .5rem 1rem; margin: 1rem 0; break-inside: avoid; }
  .criterion, .example { break-inside: avoid; margin-bottom: 1rem; }
  table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .25rem .5rem; vertical-align: top; }
  .example-media { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; }
  .example-media__item { margin: 0; max-width: calc(50% - .25rem); } .example-media__item figcaption { font-size: 9pt; color: #444; }
  .example-media img, .example-media video { max-width: 100%; height: auto; max-height: 18rem; }
  .gold { background: #f5f5dc; padding: .25rem .5rem; }
  .guideline-media { margin: 1rem 0; break-inside: avoid; }
  .guideline-media img, .guideline-media video { display: block; max-width: 100%; height: auto; }
  .media-w-25 { width: 25%; } .media-w-50 { width: 50%; } .media-w-75 { width: 75%; }
  .guideline-media figcaption { font: 9pt system-ui, sans-serif; color: #555; margin-top: .25rem; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`

export function versionPrintPage(v: VersionJson): string {
  const criteria = v.rubric.criteria
    .map(
      (c) =>
        `<section class="criterion"><h3>${esc(c.title)} <small>(${c.kind}, weight ${c.weight})</small></h3><p>${esc(
          c.description,
        )}</p><ul>${[...criterionScale(c), ...allowsNA(c)]
          .map((line) => `<li>${esc(line)}</li>`)
          .join('')}</ul></section>`,
    )
    .join('')
  const examples = v.examples
    .map((e) => {
      const gold = hasGold(e)
        ? `<div class="gold"><strong>Gold</strong><ul>${goldLines(v.rubric, e)
            .map(
              (line) =>
                `<li>${esc(line.title)}: ${esc(line.values)}${line.gold.rationale ? ` — ${esc(line.gold.rationale)}` : ''}</li>`,
            )
            .join('')}</ul><p><strong>Rationale:</strong> ${esc(e.rationale)}</p></div>`
        : ''
      const media = exampleMediaLists(e.content)
        .map(({ label, items }) => `<h4>${esc(label)}</h4>${exampleMediaHtml(items)}`)
        .join('')
      return `<section class="example"><h3>${esc(e.title)} <small>(${e.difficulty})</small></h3>${media}${gold}</section>`
    })
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.project.name)} — v${esc(v.version)}</title>
<style>${PRINT_CSS}</style></head>
<body>
<header class="meta">${esc(v.project.name)} · version ${esc(v.version)} · published ${esc(v.publishedAt.slice(0, 10))} by ${esc(
    v.publishedBy.name,
  )}<br>${esc(v.changelog)}</header>
<main>${sanitizeHtml(v.guideline.html)}</main>
<section class="part"><h2>Rubric: ${esc(v.rubric.title)}</h2><p>${esc(v.rubric.instructions)}</p><p>Pass threshold: ${Math.round(
    v.rubric.passThreshold * 100,
  )} %</p>${criteria}${
    taskTypeLines(v).length > 0
      ? `<section class="criterion"><h3>Task types</h3><ul>${taskTypeLines(v)
          .map((line) => `<li>${esc(line)}</li>`)
          .join('')}</ul></section>`
      : ''
  }</section>
<section class="part"><h2>Calibration examples</h2>${examples}</section>
</body></html>
`
}
