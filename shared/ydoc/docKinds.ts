/**
 * Every kind of live document and its rules, by kind (shared/protocol/docNames.ts names the kinds). A new
 * kind (suggestions and gold are planned) adds its name to `DocKind`, its layout module and a
 * `<kind>Kind.ts` module here; the room applies its `checkUpdate` without knowing which kind it holds.
 */
import type { DocKind } from '../protocol/docNames'
import { commentsKind } from './commentsKind'
import type { DocKindRules } from './docKind'
import { draftKind } from './draftKind'

export const docKinds: Record<DocKind, DocKindRules> = {
  draft: draftKind,
  comments: commentsKind,
}
