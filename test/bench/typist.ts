/**
 * Types a recorded trace into its own paragraph of the shared guideline, one trace transaction per Yjs
 * transaction, and stamps every edit with its send time in the `bench` map (the latency marker).
 */
import * as Y from 'yjs'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { benchNow } from './clock'
import type { TypistSpec } from './ipc'
import { applyTxn, loadTrace, type Trace, textAfter } from './traces'

/** Root map holding, per client key, the bench-clock time (ms) of that client's latest edit. */
export const MARKER_MAP = 'bench'

export class TraceTypist {
  private readonly trace: Trace
  private text: Y.XmlText | null = null
  private next: number
  sent = 0

  constructor(
    private readonly doc: Y.Doc,
    private readonly key: string,
    private readonly spec: TypistSpec,
  ) {
    this.trace = loadTrace(spec.trace)
    this.next = spec.offset
  }

  /** Appends this typist's paragraph holding the trace's text before `offset` (one transaction, no marker). */
  setup(): void {
    this.startParagraph(this.spec.offset)
  }

  private startParagraph(offset: number): void {
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    const prefix = textAfter(this.trace, offset)
    if (prefix.length > 0) text.insert(0, prefix)
    paragraph.insert(0, [text])
    this.doc.transact(() => {
      const fragment = guidelineFragment(this.doc)
      fragment.insert(fragment.length, [paragraph])
    })
    this.text = text
    this.next = offset
  }

  /** Applies the next recorded transaction and the marker in one Yjs transaction (one update on the wire). */
  typeNext(): void {
    // At the end of the trace, carry on in a fresh paragraph from its beginning.
    if (this.next >= this.trace.txns.length || !this.text) this.startParagraph(0)
    const txn = this.trace.txns[this.next++]!
    const text = this.text!
    this.doc.transact(() => {
      applyTxn(text, txn)
      this.doc.getMap(MARKER_MAP).set(this.key, benchNow())
    })
    this.sent++
  }
}
