/** A ref callback that scrolls an element (e.g. a form's error) into view when it appears, so it is never missed below the fold. */
export function revealOnMount(node: HTMLElement | null): void {
  node?.scrollIntoView({ block: 'nearest' })
}
