/**
 * The guideline diff in place: inserted blocks green and underlined, deleted ones red and struck through,
 * changed blocks with word-level highlights; runs of unchanged blocks fold away behind a button.
 */
import { type ReactNode, useState } from 'react'
import type { BlockDiff } from '../../shared/diff/guidelineDiff'

/** Runs of at least this many unchanged blocks fold (short ones stay for context). */
const FOLD_AT = 2
/** Unchanged blocks kept visible on each side of a change. */
const CONTEXT = 1

function BlockShell({ block, children }: { block: BlockDiff; children: ReactNode }) {
  const className = `diff-block diff-block--${block.kind} diff-block--${block.type}`
  const props = { className, 'data-testid': `diff-block-${block.kind}` }
  if (block.type === 'heading') {
    const level = Math.min(Math.max(block.level ?? 1, 1), 3)
    const Tag = `h${level}` as 'h1' | 'h2' | 'h3'
    return <Tag {...props}>{children}</Tag>
  }
  return <div {...props}>{children}</div>
}

const label = (block: BlockDiff) =>
  block.type === 'calibrationExample' ? 'Example' : block.type === 'media' ? 'Media' : null

function Block({ block }: { block: BlockDiff }) {
  if (block.kind === 'changed') {
    return (
      <BlockShell block={block}>
        {block.words.map((word, index) =>
          word.added ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never move
            <ins key={index} className="diff-ins">
              {word.value}
            </ins>
          ) : word.removed ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never move
            <del key={index} className="diff-del">
              {word.value}
            </del>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never move
            <span key={index}>{word.value}</span>
          ),
        )}
      </BlockShell>
    )
  }
  const text = block.text || '(empty line)'
  const tag = label(block)
  return (
    <BlockShell block={block}>
      {tag && <span className="diff-block__tag">{tag}</span>}
      {block.kind === 'inserted' ? (
        <ins className="diff-ins">{text}</ins>
      ) : block.kind === 'deleted' ? (
        <del className="diff-del">{text}</del>
      ) : (
        text
      )}
    </BlockShell>
  )
}

/** A block with its position in the diff (its stable key: a diff's blocks never move). */
interface Placed {
  block: BlockDiff
  at: number
}

type Run = { fold: boolean; items: Placed[] }

/** Folds a run of unchanged blocks, keeping one block of context next to each change. */
function foldEqualRun(items: Placed[], changeBefore: boolean, changeAfter: boolean): Run[] {
  const lead = changeBefore ? CONTEXT : 0
  const tail = changeAfter ? CONTEXT : 0
  if (items.length - lead - tail < FOLD_AT) return [{ fold: false, items }]
  return [
    { fold: false, items: items.slice(0, lead) },
    { fold: true, items: items.slice(lead, items.length - tail) },
    { fold: false, items: items.slice(items.length - tail) },
  ].filter((run) => run.items.length > 0)
}

function runs(blocks: BlockDiff[]): Run[] {
  const placed = blocks.map((block, at) => ({ block, at }))
  const out: Run[] = []
  let i = 0
  while (i < placed.length) {
    let j = i
    while (j < placed.length && placed[j]!.block.kind === 'equal') j++
    if (j > i) out.push(...foldEqualRun(placed.slice(i, j), i > 0, j < placed.length))
    let k = j
    while (k < placed.length && placed[k]!.block.kind !== 'equal') k++
    if (k > j) out.push({ fold: false, items: placed.slice(j, k) })
    i = k
  }
  return out
}

function Fold({ items }: { items: Placed[] }) {
  const [open, setOpen] = useState(false)
  if (open) return items.map(({ block, at }) => <Block key={at} block={block} />)
  return (
    <button type="button" className="diff-fold" data-testid="diff-fold" onClick={() => setOpen(true)}>
      ⋯ {items.length} unchanged {items.length === 1 ? 'block' : 'blocks'} — show
    </button>
  )
}

export function GuidelineDiffView({ blocks }: { blocks: BlockDiff[] }) {
  const changed = blocks.filter((b) => b.kind !== 'equal').length
  return (
    <section className="version-section" data-testid="guideline-diff" aria-labelledby="guideline-diff-title">
      <h2 id="guideline-diff-title">Guideline</h2>
      {changed === 0 ? (
        <p className="section-empty" data-testid="guideline-unchanged">
          The guideline text is the same in both.
        </p>
      ) : (
        <p className="muted diff-legend">
          {changed} {changed === 1 ? 'block' : 'blocks'} changed · <ins className="diff-ins">added text</ins>{' '}
          · <del className="diff-del">removed text</del>
        </p>
      )}
      <div className="guideline guideline--diff">
        {runs(blocks).map((run) =>
          run.fold ? (
            <Fold key={`fold-${run.items[0]?.at}`} items={run.items} />
          ) : (
            run.items.map(({ block, at }) => <Block key={at} block={block} />)
          ),
        )}
      </div>
    </section>
  )
}
