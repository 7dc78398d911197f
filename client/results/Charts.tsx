/** The dashboard's charts (recharts, loaded only with this page): score trend across attempts, and agreement per criterion with 95 % intervals. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Estimate } from '../../shared/schema/dashboard'
import type { DashboardData } from '../api/dashboard'
import { pct } from './formatStat'
import { colorFor } from './palette'

export function TrendChart({
  trend,
  threshold,
}: {
  trend: DashboardData['trend']
  threshold: number | null
}) {
  const names = [...new Set(trend.map((t) => t.name))]
  // One row per submitted attempt, in time order; each annotator's line connects their own attempts.
  const rows = trend
    .filter((t) => t.score !== null)
    .map((t, i) => ({ n: i + 1, label: `#${i + 1} · v${t.version}`, [t.name]: t.score }))
  if (rows.length === 0) return <p className="muted">No submitted attempts yet.</p>
  return (
    <div className="chart" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e2" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Legend />
          {threshold !== null && (
            <ReferenceLine
              y={threshold}
              stroke="#b42318"
              strokeDasharray="4 4"
              label={{ value: 'pass', fontSize: 11, fill: '#b42318', position: 'insideTopRight' }}
            />
          )}
          {names.map((name) => (
            <Line
              key={name}
              type="monotone"
              dataKey={name}
              stroke={colorFor(name)}
              strokeWidth={2}
              connectNulls
              dot={{ r: 4 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

export function AgreementChart({ criteria }: { criteria: DashboardData['criteria'] }) {
  // Bars for defined shares only (a criterion that is not scored gets no bar), with their 95 % intervals.
  const bar = (e: Estimate | null) =>
    e?.stat.defined
      ? {
          value: e.stat.value,
          error: e.ci ? [e.stat.value - e.ci.low, e.ci.high - e.stat.value] : [0, 0],
        }
      : null
  const rows = criteria.map((c) => {
    const exact = bar(c.exactAgreement)
    const within = bar(c.toleranceAgreement ?? c.exactAgreement)
    return {
      title: c.scored ? c.title : `${c.title} (not scored)`,
      exact: exact?.value ?? null,
      exactError: exact?.error ?? null,
      tolerance: within?.value ?? null,
      toleranceError: within?.error ?? null,
    }
  })
  return (
    <div className="chart" data-testid="agreement-chart">
      <p className="card__hint">Whiskers: 95 % bootstrap interval over items.</p>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e2" vertical={false} />
          <XAxis dataKey="title" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={(v) => (v === null || v === undefined ? 'undefined' : pct(Number(v)))} />
          <Legend />
          <Bar dataKey="exact" name="Exact agreement" fill="#4f46e5" isAnimationActive={false}>
            <ErrorBar dataKey="exactError" width={4} stroke="#1e1b4b" isAnimationActive={false} />
          </Bar>
          <Bar
            dataKey="tolerance"
            name="Within tolerance (as scored)"
            fill="#a5b4fc"
            isAnimationActive={false}
          >
            <ErrorBar dataKey="toleranceError" width={4} stroke="#1e1b4b" isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
