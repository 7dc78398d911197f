/** The spinner shown while a page (or the draft in it) loads. */
export function PageLoading({
  label = 'Loading…',
  testId = 'page-loading',
}: {
  label?: string
  testId?: string
}) {
  return (
    <div className="editor-loading" data-testid={testId} aria-busy="true">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  )
}
