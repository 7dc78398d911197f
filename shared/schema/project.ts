/** Schemas and types of projects and the project API payloads. */
import { z } from 'zod'
import { ROLES } from '../auth/permissions'
import { safeName } from './safeText'

/** The longest project name, in characters (after trimming). */
export const PROJECT_NAME_MAX = 120

export const ProjectName = safeName(
  z.string().trim().min(1, 'name must not be empty').max(PROJECT_NAME_MAX, 'name is too long'),
)

export const Project = z.object({
  id: z.string(),
  /** Not ProjectName: names stored before the character rules existed must still list. */
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's role in the project. */
  role: z.enum(ROLES),
})
export type Project = z.infer<typeof Project>

export const CreateProjectBody = z
  .object({
    name: ProjectName,
    /** A template id from GET /api/projects/templates, or `blank` (the default): what the draft starts with. */
    templateId: z.string().trim().min(1, 'templateId must not be empty').max(64).optional(),
  })
  .strict()
export type CreateProjectBody = z.infer<typeof CreateProjectBody>

export const RenameProjectBody = z.object({ name: ProjectName }).strict()
export type RenameProjectBody = z.infer<typeof RenameProjectBody>

export const ProjectList = z.object({ projects: z.array(Project) })
export type ProjectList = z.infer<typeof ProjectList>
