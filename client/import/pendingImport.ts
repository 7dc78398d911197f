/**
 * A document chosen on the new-project form, already converted to HTML, waiting for the new project's editor
 * to open and take it (in memory only: a reload before the editor opens forgets it, and the project stays blank).
 */
import type { ConvertedFile } from './importDocument'

const pending = new Map<string, ConvertedFile>()

export function setPendingImport(projectId: string, converted: ConvertedFile): void {
  pending.set(projectId, converted)
}

export function peekPendingImport(projectId: string): ConvertedFile | null {
  return pending.get(projectId) ?? null
}

export function clearPendingImport(projectId: string): void {
  pending.delete(projectId)
}
