/**
 * One published version, read-only: its header (number, date, author, changelog, exports), a sections outline,
 * the guideline as the server rendered it (sanitised there) in the editor's typography, the rubric and the
 * examples. Used by the version page and by the annotator's project page (version `latest`).
 */
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react'
import type { VersionJson } from '../../shared/schema/version'
import { markdownUrl, printUrl } from '../api/versions'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { ExamplesView } from './ExamplesView'
import { RubricView } from './RubricView'
import '../styles/versions.css'

interface VersionDocumentProps {
  projectId: string
  version: VersionJson
  /** Extra header actions (diff links, "all versions"). */
  actions?: ReactNode
  /** A line above the title, e.g. "Latest published guideline". */
  kicker?: string
}

type Section = VersionJson['guideline']['sections'][number]

/**
 * The outline of the rendered guideline: every top-level heading, given an anchor when it has no section id
 * (headings written before ids existed, or seeded ones), so the outline can always jump to it.
 */
function useRenderedSections(html: string, initial: Section[]) {
  const ref = useRef<HTMLDivElement>(null)
  const [sections, setSections] = useState(initial)
  useLayoutEffect(() => {
    void html
    const root = ref.current
    if (!root) return
    const headings = Array.from(root.querySelectorAll<HTMLElement>(':scope > h1, :scope > h2, :scope > h3'))
    setSections(
      headings.map((heading, index) => {
        if (!heading.id) heading.id = `section-${index + 1}`
        return { id: heading.id, title: heading.textContent ?? '', level: Number(heading.tagName.slice(1)) }
      }),
    )
  }, [html])
  return { ref, sections }
}

export function VersionDocument({ projectId, version, actions, kicker }: VersionDocumentProps) {
  const { ref, sections } = useRenderedSections(version.guideline.html, version.guideline.sections)
  const header = (
    <header className="version-view__header">
      <div>
        {kicker && <p className="version-view__kicker">{kicker}</p>}
        <h1>
          {version.project.name} <span className="version-view__number">v{version.version}</span>
        </h1>
        <p className="muted">
          Published{' '}
          <span title={formatFullTime(version.publishedAt)}>{formatRelativeTime(version.publishedAt)}</span>{' '}
          by {version.publishedBy.name}
        </p>
        {version.changelog && (
          <p className="version-view__changelog" data-testid="version-changelog">
            <span className="field-label">Changelog</span> {version.changelog}
          </p>
        )}
      </div>
      <div className="version-view__actions">
        {actions}
        <a
          className="button button--secondary"
          href={markdownUrl(projectId, version.version)}
          download
          data-testid="export-markdown"
        >
          Markdown
        </a>
        <a
          className="button button--secondary"
          href={printUrl(projectId, version.version)}
          target="_blank"
          rel="noopener"
          data-testid="export-print"
          title="Opens a printable page; use your browser's Print → Save as PDF"
        >
          Print / PDF
        </a>
      </div>
    </header>
  )
  return (
    <div className="version-view" data-testid="version-view" data-version={version.version}>
      <div className="workspace version-view__body">
        <aside className="workspace__side">
          <nav className="outline" aria-label="Sections">
            <p className="outline__title">Sections</p>
            {sections.length === 0 ? (
              <p className="outline__empty">No headings in this version.</p>
            ) : (
              <ul className="outline__list">
                {sections.map((section) => (
                  <li key={section.id} className={`outline__item outline__item--h${section.level}`}>
                    <a className="outline__link" href={`#${section.id}`}>
                      {section.title || 'Untitled section'}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <ul className="outline__list version-view__jump">
              <li className="outline__item outline__item--h1">
                <a className="outline__link" href="#rubric-title">
                  Rubric
                </a>
              </li>
              <li className="outline__item outline__item--h1">
                <a className="outline__link" href="#examples-title">
                  Calibration examples
                </a>
              </li>
            </ul>
          </nav>
        </aside>
        <div className="workspace__main">
          {header}
          <article className="sheet">
            <div
              ref={ref}
              className="guideline guideline--published"
              data-testid="version-guideline"
              // Rendered and sanitised on the server from the schema (text escaped, unsafe links dropped).
              // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered, sanitised HTML
              dangerouslySetInnerHTML={{ __html: version.guideline.html }}
            />
          </article>
          <div className="sheet version-view__extras">
            <RubricView rubric={version.rubric} />
            <ExamplesView version={version} />
          </div>
        </div>
      </div>
    </div>
  )
}
