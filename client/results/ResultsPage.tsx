/**
 * The route `/projects/:id/results` (owners and leads): per version, how annotators scored, where they agreed
 * with gold and with each other, which examples and guideline sections are misread, open disputes, the CSV
 * export and the retake cool-down. Refreshes every 10 s and on focus.
 */

import { useEffect, useState } from 'react'
import { slotCriterionId } from '../../shared/rubric/taskTypes'
import { exportCsvUrl } from '../api/calibration'
import { getProject } from '../api/projects'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'
import { CalibrationHeader } from '../calibration/CalibrationHeader'
import { MessagePage } from '../ui/MessagePage'
import { PageLoading } from '../ui/PageLoading'
import { AnnotatorDrilldown } from './AnnotatorDrilldown'
import { AnnotatorsTable } from './AnnotatorsTable'
import { AgreementChart, TrendChart } from './Charts'
import { CooldownSetting } from './CooldownSetting'
import { CriteriaTable } from './CriteriaTable'
import { DisputesPanel } from './DisputesPanel'
import { ExamplesTable } from './ExamplesTable'
import { formatInterval, pct } from './formatStat'
import { GoldAuditPanel } from './GoldAuditPanel'
import { GoldEditLog } from './GoldEditLog'
import { useDashboard } from './useDashboard'
import '../styles/calibration.css'
import './results.css'

export default function ResultsPage({ projectId }: { projectId: string }) {
  const [version, setVersion] = useState<string | null>(null)
  const [projectName, setProjectName] = useState<string | null>(null)
  const [threshold, setThreshold] = useState<number | null>(null)
  const { state, reload } = useDashboard(projectId, version)

  useEffect(() => {
    getProject(projectId).then(
      (p) => {
        setProjectName(p.name)
        document.title = `Results — ${p.name} — Yardstick`
      },
      () => {},
    )
  }, [projectId])

  const header = (
    <CalibrationHeader projectId={projectId} title="Calibration results" projectName={projectName} />
  )
  if (state.status === 'loading') return <PageLoading label="Loading results…" />
  if (state.status === 'error') {
    return (
      <MessagePage title="Results could not be loaded" testId="results-error">
        <p>{state.message}</p>
      </MessagePage>
    )
  }
  const { data, people, disputes, cooldownMinutes } = state.value
  const exampleTitles = new Map(data.examples.map((e) => [e.exampleId, e.title]))
  const criterionTitles = new Map(data.criteria.map((c) => [c.criterionId, c.title]))
  const open = disputes.filter((d) => d.status === 'open').length

  return (
    <div className="page page--results">
      {header}
      <main className="results" data-testid="results-page">
        <div className="results__toolbar">
          <label className="results__version">
            <span className="field-label">Version</span>
            <select
              className="select"
              data-testid="results-version"
              value={data.version}
              onChange={(e) => setVersion(e.target.value)}
            >
              {data.versions.map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </select>
          </label>
          <div className="results__kpis">
            <div className="kpi" data-testid="kpi-submitted">
              <span className="kpi__value">{data.annotators.length}</span>
              <span className="kpi__label">submitted</span>
            </div>
            <div className="kpi" data-testid="kpi-pass-rate">
              <span className="kpi__value">{data.passRate === null ? '—' : pct(data.passRate)}</span>
              <span className="kpi__label">
                pass rate
                {data.passRateCi && (
                  <span className="kpi__ci" data-testid="kpi-pass-rate-ci">
                    95% CI {formatInterval(data.passRateCi)}
                  </span>
                )}
              </span>
            </div>
            <div className="kpi">
              <span className="kpi__value">{open}</span>
              <span className="kpi__label">open disputes</span>
            </div>
          </div>
          <a
            className="button button--secondary"
            href={exportCsvUrl(projectId)}
            download
            data-testid="export-csv"
          >
            Export CSV
          </a>
        </div>

        <div className="results__grid">
          <section className="card">
            <h2>Annotators</h2>
            <AnnotatorsTable people={people} analytics={data} />
          </section>
          <section className="card">
            <h2>Score trend</h2>
            <p className="card__hint">
              Every submitted attempt, across versions; the dashed line is the pass threshold.
            </p>
            <TrendChart trend={data.trend} threshold={threshold} />
          </section>
        </div>

        <section className="card">
          <h2>Agreement with gold, per criterion</h2>
          {data.sample.annotators === 0 ? (
            <p className="muted" data-testid="results-no-attempts">
              Nobody has submitted an attempt on v{data.version} yet. Agreement statistics appear after the
              first submission; with few annotators their intervals will be wide.
            </p>
          ) : (
            <>
              <p className="card__hint" data-testid="results-sample">
                From {data.sample.annotators} annotator{data.sample.annotators === 1 ? '' : 's'} on{' '}
                {data.sample.items} item{data.sample.items === 1 ? '' : 's'} with gold. Every statistic shows
                its sample size n and a 95 % bootstrap confidence interval (items resampled, seeded, so it
                does not change between reloads); with few annotators or items the interval is wide — read it
                before the number. Kappa is computed on the answers as given; the tolerance only decides what
                scoring counts as agreeing.
              </p>
              <AgreementChart criteria={data.criteria} />
              <div className="table-scroll">
                <CriteriaTable criteria={data.criteria} />
              </div>
            </>
          )}
        </section>

        <div className="results__grid">
          <section className="card" data-testid="misread-sections">
            <h2>Misread guideline sections</h2>
            <p className="card__hint">
              Sections whose examples are missed most often — start rewriting here.
            </p>
            {data.misreadSections.length === 0 ? (
              <p className="muted">
                No examples are linked to guideline sections yet, or nothing has been submitted.
              </p>
            ) : (
              <ol className="misread-list">
                {data.misreadSections.map((s) => (
                  <li key={s.sectionId} data-testid="misread-section">
                    <Link href={`${projectPath(projectId)}#${encodeURIComponent(s.sectionId)}`}>
                      {s.title || 'Untitled section'}
                    </Link>
                    <span className="meter" aria-hidden="true">
                      <span className="meter__miss" style={{ width: pct(s.missRate) }} />
                    </span>
                    <span className="misread-list__rate">
                      {pct(s.missRate)} missed{' '}
                      <span className="muted">
                        ({s.misses} of {s.answers} answers
                        {s.missRateCi ? `; 95% CI ${formatInterval(s.missRateCi)}` : ''})
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="card">
            <h2>Disputed gold {open > 0 && <span className="open-count">{open} open</span>}</h2>
            <DisputesPanel
              projectId={projectId}
              disputes={disputes}
              exampleTitle={(id) => exampleTitles.get(id) ?? 'an example'}
              criterionTitle={(key) => {
                // Disputes name a question slot: the criterion id, or `<id>@A` / `@B`.
                const title = criterionTitles.get(slotCriterionId(key)) ?? 'a criterion'
                const target = /@([AB])$/.exec(key)?.[1]
                return target ? `${title} (${target})` : title
              }}
              onResolved={reload}
            />
          </section>
        </div>

        <section className="card">
          <h2>Examples, by miss rate</h2>
          <ExamplesTable examples={data.examples} disputesByExample={data.disputesByExample} />
        </section>

        <section className="card">
          <h2>Gold audit: which gold looks wrong</h2>
          <GoldAuditPanel projectId={projectId} audit={data.goldAudit} disputes={disputes} />
        </section>

        <section className="card">
          <h2>Gold changes in the draft</h2>
          <GoldEditLog
            projectId={projectId}
            exampleTitle={(id) => exampleTitles.get(id)}
            criterionTitle={(id) => criterionTitles.get(id)}
          />
        </section>

        <section className="card">
          <h2>Annotator drill-down</h2>
          <AnnotatorDrilldown projectId={projectId} version={data.version} annotators={data.annotators} />
        </section>

        <section className="card">
          <h2>Settings</h2>
          <CooldownSetting projectId={projectId} minutes={cooldownMinutes} onSaved={reload} />
          <ThresholdProbe projectId={projectId} version={data.version} onThreshold={setThreshold} />
        </section>
      </main>
    </div>
  )
}

/** Reads the pass threshold of the shown version (for the trend chart's reference line). */
function ThresholdProbe({
  projectId,
  version,
  onThreshold,
}: {
  projectId: string
  version: string
  onThreshold: (t: number) => void
}) {
  useEffect(() => {
    import('../api/versions')
      .then(({ getVersion }) => getVersion(projectId, version))
      .then(
        (v) => onThreshold(v.rubric.passThreshold),
        () => {},
      )
  }, [projectId, version, onThreshold])
  return null
}
