/**
 * Importing a file into the guideline, in three steps that never hold the page for long: the conversion to
 * HTML runs in a Web Worker (importWorker.ts); the HTML is cleaned and parsed into the guideline's schema in
 * batches of blocks with a pause between batches (progress in percent); the result goes into the editor in
 * chunks that make one undo step — live for co-editors and attributed to the importer like any edit. Images are
 * left out (counted); a document without a heading first gets one from the file name, so it is a section.
 */
import type { Editor } from '@tiptap/core'
import {
  Fragment,
  type Node as ProseMirrorNode,
  DOMParser as ProseMirrorParser,
  type Schema,
} from '@tiptap/pm/model'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import type { UndoManager } from 'yjs'
import { checkImportFile, importTitle } from '../../shared/import/importFile'
import { cleanContainer, prepareDocument } from './cleanPastedHtml'
import type { ImportReply, ImportRequest } from './importProtocol'

export interface ImportProgress {
  step: string
  percent: number
}
type OnProgress = (progress: ImportProgress) => void

/** A failure the person can act on; its message is shown as it is. */
export class ImportFailure extends Error {}
export class ImportCancelled extends Error {}

export interface ConvertedFile {
  fileName: string
  html: string
}

/** Blocks parsed per batch before the page gets a turn again. */
const BATCH = 100

/** Checks the file and converts it to HTML in a worker; rejects with ImportFailure or ImportCancelled. */
export async function convertFile(
  file: File,
  onProgress: OnProgress,
  signal: AbortSignal,
): Promise<ConvertedFile> {
  onProgress({ step: 'Reading the file…', percent: 2 })
  const bytes = new Uint8Array(await file.arrayBuffer())
  const check = checkImportFile(file.name, bytes)
  if (!check.ok) throw new ImportFailure(check.message)
  if (signal.aborted) throw new ImportCancelled()
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' })
  try {
    const html = await new Promise<string>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new ImportCancelled()), { once: true })
      worker.addEventListener('error', () => reject(new ImportFailure('The file could not be converted.')))
      worker.addEventListener('message', (event: MessageEvent<ImportReply>) => {
        const reply = event.data
        if (reply.type === 'progress') onProgress({ step: reply.step, percent: reply.percent })
        else if (reply.type === 'done') resolve(reply.html)
        else reject(new ImportFailure(reply.message))
      })
      const request: ImportRequest = { kind: check.kind, bytes: bytes.buffer }
      worker.postMessage(request, [bytes.buffer])
    })
    return { fileName: file.name, html }
  } finally {
    worker.terminate()
  }
}

export interface ImportedContent {
  fragment: Fragment
  skippedImages: number
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Cleans and parses the HTML into the schema batch by batch (from `from`% to `to`% of the progress). */
export async function buildContent(
  converted: ConvertedFile,
  schema: Schema,
  onProgress: OnProgress,
  signal: AbortSignal,
  range: { from: number; to: number } = { from: 40, to: 80 },
): Promise<ImportedContent> {
  const document = new DOMParser().parseFromString(converted.html, 'text/html')
  prepareDocument(document)
  const parser = ProseMirrorParser.fromSchema(schema)
  const nodes = [...document.body.childNodes]
  const parts: Fragment[] = []
  let skippedImages = 0
  for (let start = 0; start < nodes.length; start += BATCH) {
    if (signal.aborted) throw new ImportCancelled()
    const container = document.createElement('div')
    container.append(...nodes.slice(start, start + BATCH))
    const clean = cleanContainer(container)
    for (const image of [...clean.querySelectorAll('img')]) {
      skippedImages++
      image.remove()
    }
    parts.push(parser.parse(clean).content)
    const done = Math.min(start + BATCH, nodes.length) / nodes.length
    onProgress({
      step: 'Building the sections…',
      percent: Math.round(range.from + done * (range.to - range.from)),
    })
    await nextTurn()
  }
  let fragment = parts.reduce((all, part) => all.append(part), Fragment.empty)
  fragment = withoutEmptyEnds(fragment)
  if (fragment.childCount === 0 || fragment.textBetween(0, fragment.size, ' ').trim() === '')
    throw new ImportFailure(`“${converted.fileName}” has no text to import.`)
  if (fragment.firstChild?.type.name !== 'heading') {
    const title = schema.nodes.heading!.create({ level: 1 }, schema.text(importTitle(converted.fileName)))
    fragment = Fragment.from(title).append(fragment)
  }
  return { fragment, skippedImages }
}

function withoutEmptyEnds(fragment: Fragment): Fragment {
  const blocks: ReturnType<Fragment['child']>[] = []
  fragment.forEach((node) => {
    blocks.push(node)
  })
  const empty = (node: (typeof blocks)[number]) => node.type.name === 'paragraph' && node.content.size === 0
  while (blocks.length && empty(blocks[0]!)) blocks.shift()
  while (blocks.length && empty(blocks.at(-1)!)) blocks.pop()
  return Fragment.fromArray(blocks)
}

/** Blocks per transaction when the content goes into the draft. */
const CHUNK = 80

/**
 * Puts the content into the draft — appended at the end, or (`replace`) instead of a new project's starting
 * text — a few dozen blocks per transaction with a pause between them, so neither this page nor co-editors'
 * stall on one huge change. The chunks make ONE undo step: the undo manager's capture window stays open
 * until the last chunk (what the importer types meanwhile joins that step). Cancelled midway, it is undone.
 */
export async function insertContent(
  editor: Editor,
  content: ImportedContent,
  replace: boolean,
  onProgress: OnProgress,
  signal: AbortSignal,
  range: { from: number; to: number } = { from: 80, to: 100 },
): Promise<void> {
  const blocks: ProseMirrorNode[] = []
  content.fragment.forEach((node) => {
    blocks.push(node)
  })
  const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: UndoManager } | undefined)
    ?.undoManager
  const captureTimeout = undoManager?.captureTimeout ?? 0
  undoManager?.stopCapturing()
  if (undoManager) undoManager.captureTimeout = Number.POSITIVE_INFINITY
  try {
    for (let start = 0; start < blocks.length; start += CHUNK) {
      if (editor.isDestroyed) return
      if (signal.aborted) {
        if (start > 0) editor.commands.undo()
        throw new ImportCancelled()
      }
      const chunk = Fragment.fromArray(blocks.slice(start, start + CHUNK))
      const { state } = editor
      const end = state.doc.content.size
      editor.view.dispatch(
        replace && start === 0 ? state.tr.replaceWith(0, end, chunk) : state.tr.insert(end, chunk),
      )
      const done = Math.min(start + CHUNK, blocks.length) / blocks.length
      onProgress({
        step: 'Adding to the draft…',
        percent: Math.round(range.from + done * (range.to - range.from)),
      })
      await nextTurn()
    }
  } finally {
    if (undoManager) {
      undoManager.captureTimeout = captureTimeout
      undoManager.stopCapturing()
    }
  }
}
