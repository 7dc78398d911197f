/**
 * Gives every media item of examples its serving URL (`mediaPath`) beside its hash, as published version JSON
 * carries it, so tools reading a version can fetch the images, clips and recordings it references.
 */
import { mediaPath } from '../schema/media'
import type { CalibrationExample, ExampleContent, ExampleMedia } from '../schema/rubric'

const withUrl = (projectId: string, items: ExampleMedia[]) =>
  items.map((item) => ({ ...item, url: mediaPath(projectId, item.hash) }))

export function contentWithMediaUrls(content: ExampleContent, projectId: string): ExampleContent {
  if (content.kind !== 'media') return content
  return {
    ...content,
    media: withUrl(projectId, content.media),
    ...(content.mediaA ? { mediaA: withUrl(projectId, content.mediaA) } : {}),
    ...(content.mediaB ? { mediaB: withUrl(projectId, content.mediaB) } : {}),
  }
}

export function examplesWithMediaUrls<T extends Pick<CalibrationExample, 'content'>>(
  examples: T[],
  projectId: string,
): T[] {
  return examples.map((example) =>
    example.content.kind === 'media'
      ? { ...example, content: contentWithMediaUrls(example.content, projectId) }
      : example,
  )
}
