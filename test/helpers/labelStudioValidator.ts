/**
 * Checks a Label Studio labeling config against the tag table in `labelStudioTags.ts` (known tags, required
 * and allowed attributes, parent/child relations, unique names, `toName` pointing at object tags of the right
 * kind), and tasks against a config (data for every `$variable`, result items whose `from_name`/`to_name`/
 * `type`/`value` fit the config, label offsets that match the text). Returns problems as sentences.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { LABEL_STUDIO_TAGS } from './labelStudioTags'

export interface ConfigTag {
  tag: string
  attrs: Record<string, string>
  children: ConfigTag[]
}

export interface ParsedConfig {
  root: ConfigTag
  /** Object and control tags by name. */
  named: Map<string, ConfigTag>
  /** The task data keys the config reads (`$prompt` → `prompt`). */
  dataKeys: Set<string>
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> }

function toTags(nodes: Ordered[]): ConfigTag[] {
  const tags: ConfigTag[] = []
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@')
    if (!name || name === '#comment' || name === '#text') continue
    tags.push({ tag: name, attrs: { ...(node[':@'] ?? {}) }, children: toTags(node[name] as Ordered[]) })
  }
  return tags
}

export function parseConfig(xml: string): { config: ParsedConfig | null; problems: string[] } {
  const wellFormed = XMLValidator.validate(xml)
  if (wellFormed !== true) return { config: null, problems: [`not well-formed XML: ${wellFormed.err.msg}`] }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    commentPropName: '#comment',
  })
  const roots = toTags(parser.parse(xml) as Ordered[])
  if (roots.length !== 1 || roots[0]!.tag !== 'View')
    return { config: null, problems: ['the config must have exactly one root <View>'] }
  const problems: string[] = []
  const named = new Map<string, ConfigTag>()
  const dataKeys = new Set<string>()
  const walk = (tag: ConfigTag, parent: ConfigTag | null) => {
    const spec = LABEL_STUDIO_TAGS[tag.tag]
    if (!spec) {
      problems.push(`<${tag.tag}> is not a Label Studio tag in the table`)
      return
    }
    if (parent && !LABEL_STUDIO_TAGS[parent.tag]!.children.includes(tag.tag))
      problems.push(`<${tag.tag}> may not be a child of <${parent.tag}>`)
    for (const attr of spec.required)
      if (!tag.attrs[attr]) problems.push(`<${tag.tag}> needs the attribute ${attr}`)
    for (const attr of Object.keys(tag.attrs))
      if (!spec.allowed.includes(attr)) problems.push(`<${tag.tag}> has no attribute ${attr}`)
    if (spec.role === 'object' || spec.role === 'control') {
      const name = tag.attrs.name ?? ''
      if (named.has(name)) problems.push(`the name ${name} is used twice`)
      named.set(name, tag)
    }
    const value = tag.attrs.value
    if ((spec.role === 'object' || tag.tag === 'Header') && value?.startsWith('$'))
      dataKeys.add(value.slice(1))
    if (spec.role === 'control' && spec.children.length > 0) {
      const values = tag.children.map((c) => c.attrs.value)
      if (values.length === 0) problems.push(`<${tag.tag} name="${tag.attrs.name}"> has no options`)
      if (new Set(values).size !== values.length)
        problems.push(`<${tag.tag} name="${tag.attrs.name}"> repeats an option`)
    }
    for (const child of tag.children) walk(child, tag)
  }
  walk(roots[0]!, null)
  // toName must name object tags (after the walk: objects may come after the controls).
  for (const [name, tag] of named) {
    if (LABEL_STUDIO_TAGS[tag.tag]!.role !== 'control' || tag.attrs.toName === undefined) continue
    const targets = tag.attrs.toName.split(',')
    if (tag.tag === 'Pairwise' && targets.length !== 2)
      problems.push(`Pairwise ${name} must compare two objects`)
    for (const target of targets) {
      const object = named.get(target)
      if (!object || LABEL_STUDIO_TAGS[object.tag]!.role !== 'object')
        problems.push(`${tag.tag} ${name} points at ${target}, which is not an object tag`)
      else if (tag.tag === 'Labels' && object.tag !== 'Text')
        problems.push(`Labels ${name} must label a Text, not a ${object.tag}`)
      else if (tag.tag === 'ParagraphLabels' && object.tag !== 'Paragraphs')
        problems.push(`ParagraphLabels ${name} must label Paragraphs, not a ${object.tag}`)
    }
    if (tag.tag === 'Rating' && !(Number(tag.attrs.maxRating) >= 1))
      problems.push(`Rating ${name} needs maxRating >= 1`)
    if (tag.tag === 'Number' && Number(tag.attrs.min) > Number(tag.attrs.max))
      problems.push(`Number ${name} has min > max`)
  }
  return { config: { root: roots[0]!, named, dataKeys }, problems }
}

interface Result {
  from_name?: unknown
  to_name?: unknown
  type?: unknown
  value?: Record<string, unknown>
}
interface Task {
  data?: Record<string, unknown>
  annotations?: { result?: Result[] }[]
}

/** Problems with tasks (Label Studio JSON import format) for a parsed config. */
export function validateTasks(config: ParsedConfig, tasks: unknown): string[] {
  if (!Array.isArray(tasks)) return ['tasks must be a JSON array']
  const problems: string[] = []
  ;(tasks as Task[]).forEach((task, t) => {
    const data = task.data
    if (!data || typeof data !== 'object') {
      problems.push(`task ${t} has no data`)
      return
    }
    for (const key of config.dataKeys) if (!(key in data)) problems.push(`task ${t} lacks data.${key}`)
    for (const [name, tag] of config.named) {
      if (tag.tag !== 'Paragraphs') continue
      const list = data[name]
      if (
        !Array.isArray(list) ||
        !list.every((p) => typeof p?.author === 'string' && typeof p?.text === 'string')
      )
        problems.push(`task ${t}: data.${name} must be [{ author, text }]`)
    }
    for (const annotation of task.annotations ?? []) {
      for (const result of annotation.result ?? []) problems.push(...checkResult(config, data, result, t))
    }
  })
  return problems
}

function checkResult(config: ParsedConfig, data: Record<string, unknown>, r: Result, t: number): string[] {
  const at = `task ${t} result ${String(r.from_name)}`
  const control = config.named.get(String(r.from_name))
  if (!control || LABEL_STUDIO_TAGS[control.tag]!.role !== 'control')
    return [`${at}: from_name is no control`]
  const spec = LABEL_STUDIO_TAGS[control.tag]!
  const problems: string[] = []
  const targets = (control.attrs.toName ?? '').split(',')
  if (!targets.includes(String(r.to_name)))
    problems.push(`${at}: to_name ${String(r.to_name)} is not in toName`)
  if (r.type !== spec.result?.type)
    problems.push(`${at}: type ${String(r.type)} should be ${spec.result?.type}`)
  const value = r.value ?? {}
  const shape = spec.result?.value(value)
  if (shape) return [...problems, `${at}: ${shape}`]
  const options = new Set(control.children.map((c) => c.attrs.value))
  const chosen = (value.choices ?? value.labels ?? value.paragraphlabels) as string[] | undefined
  for (const option of chosen ?? [])
    if (!options.has(option)) problems.push(`${at}: ${option} is not an option of ${control.attrs.name}`)
  if (control.tag === 'Choices' && control.attrs.choice !== 'multiple' && (chosen?.length ?? 0) !== 1)
    problems.push(`${at}: a single-choice Choices result holds exactly one choice`)
  if (control.tag === 'Rating' && (value.rating as number) > Number(control.attrs.maxRating ?? 5))
    problems.push(`${at}: rating above maxRating`)
  if (control.tag === 'Number') {
    const n = value.number as number
    if (
      (control.attrs.min !== undefined && n < Number(control.attrs.min)) ||
      (control.attrs.max !== undefined && n > Number(control.attrs.max))
    )
      problems.push(`${at}: number ${n} outside min/max`)
  }
  if (control.tag === 'Labels') {
    const text = data[String(r.to_name)]
    const { start, end } = value as { start: number; end: number }
    if (typeof text !== 'string' || end > text.length || text.slice(start, end) !== value.text)
      problems.push(`${at}: start/end do not select the result's text`)
  }
  if (control.tag === 'ParagraphLabels') {
    const paragraphs = data[String(r.to_name)] as { text: string }[] | undefined
    const { start, end, startOffset, endOffset } = value as Record<string, number>
    const first = paragraphs?.[start!]
    const last = paragraphs?.[end!]
    if (!first || !last || startOffset! > first.text.length || endOffset! > last.text.length)
      problems.push(`${at}: paragraph range outside the paragraphs`)
    else if (
      start === end &&
      typeof value.text === 'string' &&
      first.text.slice(startOffset, endOffset) !== value.text
    )
      problems.push(`${at}: offsets do not select the result's text`)
  }
  return problems
}
