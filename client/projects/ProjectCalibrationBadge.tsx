/** An annotator's calibration status on one project in the project list. */
import { useUser } from '../auth/session'
import { CalibrationStatusBadge, useCalibrationStatus } from '../calibration/CalibrationStatusBadge'

export function ProjectCalibrationBadge({ projectId }: { projectId: string }) {
  const user = useUser()
  const status = useCalibrationStatus(projectId, user.id)
  return status ? <CalibrationStatusBadge status={status} /> : null
}
