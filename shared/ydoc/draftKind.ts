/**
 * The draft document kind: its layout is layout.ts (guideline, rubric and examples roots; the rubric and
 * examples helpers in rubricDoc.ts and examplesDoc.ts). Anyone with write access (owners and leads) may
 * change anything in it, so the server checks no more than that each update is well formed.
 */
import type { DocKindRules } from './docKind'
import { DraftRoot } from './layout'

export const draftKind: DocKindRules = {
  roots: Object.values(DraftRoot),
  checkUpdate: null,
}
