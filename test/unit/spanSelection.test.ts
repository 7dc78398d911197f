/**
 * SpanMarker turns a DOM selection into offsets into ITS plain text, even when the selection starts or ends
 * inside highlighted marks (the text is split into several nodes there). Rendered to static HTML in jsdom.
 */
import { JSDOM } from 'jsdom'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SpanMarker, spanFromSelection } from '../../client/content/SpanMarker'

const TEXT = 'The kettle was recalled in June; no injuries were reported.'
let dom: JSDOM

beforeAll(() => {
  dom = new JSDOM('<!doctype html><body></body>')
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.window.document,
    Node: dom.window.Node,
    Element: dom.window.Element,
  })
})
afterAll(() => {
  dom.window.close()
})

function render(readOnly = false) {
  const html = renderToStaticMarkup(
    createElement(SpanMarker, {
      text: TEXT,
      field: 'response',
      // "recalled" and "June" are marked, so the text is split into several nodes.
      spans: [
        { field: 'response', start: 15, end: 23, label: 'claim' },
        { field: 'response', start: 27, end: 31, label: 'claim' },
      ],
      labels: ['claim'],
      readOnly,
      onAdd: () => {},
    }),
  )
  document.body.innerHTML = html
  return document.querySelector('[data-testid="span-text"]') as HTMLElement
}

/** The text node and offset of character `offset` of the rendered text. */
function pointAt(root: HTMLElement, offset: number): [Node, number] {
  const walker = document.createTreeWalker(root, dom.window.NodeFilter.SHOW_TEXT)
  let seen = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0
    if (offset <= seen + length) return [node, offset - seen]
    seen += length
  }
  throw new Error(`offset ${offset} is past the text`)
}

function select(root: HTMLElement, start: number, end: number) {
  const range = document.createRange()
  range.setStart(...pointAt(root, start))
  range.setEnd(...pointAt(root, end))
  window.getSelection()!.removeAllRanges()
  window.getSelection()!.addRange(range)
}

describe('spanFromSelection', () => {
  it('renders exactly the plain text, marks included', () => {
    expect(render().textContent).toBe(TEXT)
  })

  it('gives offsets into the plain text across mark boundaries', () => {
    const root = render()
    // "was recalled in" = 11..26: starts in plain text, crosses the "recalled" mark, ends in plain text.
    select(root, 11, 26)
    expect(spanFromSelection('claim')).toEqual({ field: 'response', start: 11, end: 26, label: 'claim' })
    // "lled in Ju" = 19..29: starts inside one mark and ends inside the next.
    select(root, 19, 29)
    expect(spanFromSelection('claim')).toMatchObject({ start: 19, end: 29 })
  })

  it('ignores selections in read-only markers and empty selections', () => {
    select(render(true), 0, 3)
    expect(spanFromSelection('claim')).toBeNull()
    select(render(), 5, 5)
    expect(spanFromSelection('claim')).toBeNull()
  })
})
