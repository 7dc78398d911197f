/**
 * The import worker: converts a .docx/.md/.html file to HTML off the page's thread, so a 200-page document
 * never freezes the editor, and reports its steps. The page cancels by terminating it.
 */

import { convertToHtml, ImportError } from './convertToHtml'
import type { ImportReply, ImportRequest } from './importProtocol'

const STEP = {
  docx: 'Converting the Word document…',
  markdown: 'Converting the Markdown…',
  html: 'Reading the HTML…',
}

function reply(message: ImportReply): void {
  postMessage(message)
}

addEventListener('message', async (event: MessageEvent<ImportRequest>) => {
  const { kind, bytes } = event.data
  reply({ type: 'progress', step: STEP[kind], percent: 10 })
  try {
    const { html, skippedImages } = await convertToHtml(kind, bytes)
    reply({ type: 'done', html, skippedImages })
  } catch (error) {
    reply({
      type: 'error',
      message: error instanceof ImportError ? error.message : 'The file could not be converted.',
    })
  }
})
