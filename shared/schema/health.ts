/** The answers of the liveness and readiness probes (`GET /healthz`, `GET /readyz`). */
import { z } from 'zod'

export const Health = z.object({ ok: z.literal(true) })
/** `GET /readyz` with 503: why this instance should not get traffic now. */
export const NotReady = z.object({ ok: z.literal(false), error: z.literal('not_ready'), message: z.string() })
