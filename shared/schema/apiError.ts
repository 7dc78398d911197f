/** The one error body every failing API request returns. */
import { z } from 'zod'

export const ApiError = z.object({ error: z.string(), message: z.string() })
export type ApiError = z.infer<typeof ApiError>
