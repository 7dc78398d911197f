/** The message shown in a project-name field while the name is over the limit (names are never cut). */
import { PROJECT_NAME_MAX } from '../../shared/schema/project'

export function nameLengthMessage(length: number): string {
  const over = length - PROJECT_NAME_MAX
  return `Names can be up to ${PROJECT_NAME_MAX} characters; this one is ${length} (${over} too many).`
}
