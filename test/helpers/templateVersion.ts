/** A project template as the version JSON publishing it would produce (for export tests without a server). */
import { VERSION_FORMAT, type VersionJson } from '../../shared/schema/version'
import type { TemplateJson } from '../../shared/templates/templateSchema'

export function versionOfTemplate(template: TemplateJson): VersionJson {
  return {
    format: VERSION_FORMAT,
    project: { id: 'p1', name: template.name },
    version: '1.0.0',
    publishedAt: '2026-01-01T00:00:00.000Z',
    publishedBy: { id: 'u', name: 'Lead' },
    changelog: 'first',
    openThreadsAtPublish: 0,
    guideline: { doc: template.guideline, html: '', markdown: '', sections: [] },
    rubric: template.rubric,
    includesGold: true,
    examples: template.examples,
  }
}
