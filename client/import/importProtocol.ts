/** Messages between the import worker and the page: the file in, progress steps and the converted HTML out. */
import type { ImportKind } from '../../shared/import/importFile'

export interface ImportRequest {
  kind: ImportKind
  bytes: ArrayBuffer
}

export type ImportReply =
  | { type: 'progress'; step: string; percent: number }
  | { type: 'done'; html: string; skippedImages: number }
  | { type: 'error'; message: string }
