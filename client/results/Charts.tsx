/** The dashboard's charts (recharts, loaded only with this page): score trend across attempts, and agreement per criterion. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { DashboardData } from '../api/calibration'
import { colorFor } from './palette'

const pct = (v: number) => `${Math.round(v * 100)}%`

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
  const rows = criteria.map((c) => ({
    title: c.title,
    exact: c.exactAgreement.defined ? c.exactAgreement.value : null,
    tolerance: c.toleranceAgreement.defined ? c.toleranceAgreement.value : null,
  }))
  return (
    <div className="chart" data-testid="agreement-chart">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e2" vertical={false} />
          <XAxis dataKey="title" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={(v) => (v === null || v === undefined ? 'undefined' : pct(Number(v)))} />
          <Legend />
          <Bar dataKey="exact" name="Exact agreement" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="tolerance" name="Within tolerance" fill="#a5b4fc" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
