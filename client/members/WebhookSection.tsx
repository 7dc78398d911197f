/**
 * Webhooks on the members and settings page (owners only): add an HTTPS endpoint for chosen events (its
 * secret is shown once, revealable and rotatable later), pause or delete it, send a test event, and read each
 * endpoint's recent deliveries — status, attempts, last response code, next attempt — with Redeliver.
 */
import { useState } from 'react'
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEventType,
} from '../../shared/schema/webhooks'
import { errorMessage } from '../api/http'
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookActive,
} from '../api/webhooks'
import { CopyField } from '../ui/CopyField'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'

const STATUS_LABELS: Record<WebhookDeliveryView['status'], string> = {
  pending: 'pending',
  retrying: 'retrying',
  delivered: 'delivered',
  failed: 'failed',
}

function DeliveryLog({ projectId, endpointId }: { projectId: string; endpointId: string }) {
  const log = useResource(endpointId, (signal) => listDeliveries(projectId, endpointId, signal))
  const [error, setError] = useState<string | null>(null)
  const act = async (work: () => Promise<void>) => {
    setError(null)
    try {
      await work()
      log.reload()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }
  return (
    <div className="webhook-log" data-testid="webhook-log">
      <div className="webhook-log__bar">
        <h4>Recent deliveries</h4>
        <button
          type="button"
          className="button button--ghost"
          data-testid="webhook-log-refresh"
          onClick={log.reload}
        >
          Refresh
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="webhook-test"
          onClick={() => void act(() => sendTestEvent(projectId, endpointId))}
        >
          Send test event
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {log.state.status === 'loading' && <PageLoading />}
      {log.state.status === 'error' && (
        <p className="form-error" role="alert">
          Could not load the deliveries: {log.state.message}
        </p>
      )}
      {log.state.status === 'ready' &&
        (log.state.value.length === 0 ? (
          <p className="section-empty">No deliveries yet.</p>
        ) : (
          <table className="webhook-table">
            <thead>
              <tr>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Response</th>
                <th>Next attempt</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.state.value.map((d) => (
                <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                  <td title={`event ${d.eventId}, delivery ${d.id}`}>
                    {d.eventType}
                    <span className="muted" title={formatFullTime(d.createdAt)}>
                      {' '}
                      · {formatRelativeTime(d.createdAt)}
                    </span>
                  </td>
                  <td>
                    <span
                      className={`webhook-status webhook-status--${d.status}`}
                      data-testid="webhook-delivery-status"
                    >
                      {STATUS_LABELS[d.status]}
                    </span>
                  </td>
                  <td>{d.attempts}</td>
                  <td data-testid="webhook-delivery-code" title={d.lastError ?? undefined}>
                    {d.lastStatusCode ?? (d.lastError ? 'no answer' : '—')}
                    {d.lastError && <span className="webhook-error"> {d.lastError}</span>}
                  </td>
                  <td>{d.nextAttemptAt ? formatRelativeTime(d.nextAttemptAt) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="webhook-redeliver"
                      onClick={() => void act(() => redeliver(projectId, endpointId, d.id))}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  )
}

function EndpointRow(props: { projectId: string; endpoint: WebhookEndpointView; onChanged: () => void }) {
  const { projectId, endpoint } = props
  const [secret, setSecret] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const act = async (work: () => Promise<void>) => {
    setError(null)
    try {
      await work()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }
  return (
    <li className="webhook-endpoint" data-testid="webhook-endpoint">
      <div className="webhook-endpoint__head">
        <span className="webhook-endpoint__url" data-testid="webhook-url">
          {endpoint.url}
        </span>
        <span className={endpoint.active ? 'webhook-active' : 'webhook-paused'}>
          {endpoint.active ? 'active' : 'paused'}
        </span>
        <button
          type="button"
          className="button button--ghost"
          data-testid="webhook-log-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() =>
            void act(async () => {
              await setWebhookActive(projectId, endpoint.id, !endpoint.active)
              props.onChanged()
            })
          }
        >
          {endpoint.active ? 'Pause' : 'Resume'}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void act(async () => setSecret(await revealWebhookSecret(projectId, endpoint.id)))}
        >
          Reveal secret
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void act(async () => setSecret(await rotateWebhookSecret(projectId, endpoint.id)))}
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="button button--ghost button--danger-text"
          onClick={() =>
            void act(async () => {
              await deleteWebhook(projectId, endpoint.id)
              props.onChanged()
            })
          }
        >
          Delete
        </button>
      </div>
      <p className="muted">
        {endpoint.description ? `${endpoint.description} · ` : ''}
        {endpoint.events.join(', ')}
      </p>
      {secret && <CopyField value={secret} testId="webhook-secret" label="Signing secret" />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {open && <DeliveryLog projectId={projectId} endpointId={endpoint.id} />}
    </li>
  )
}

export function WebhookSection({ projectId }: { projectId: string }) {
  const endpoints = useResource(projectId, (signal) => listWebhooks(projectId, signal))
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES])
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null)

  const add = async () => {
    setPending(true)
    setError(null)
    try {
      const endpoint = await createWebhook(projectId, { url: url.trim(), description, events })
      setCreated({ url: endpoint.url, secret: endpoint.secret })
      setUrl('')
      setDescription('')
      endpoints.reload()
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="panel" data-testid="webhook-section" aria-labelledby="webhook-section-title">
      <header className="panel__header">
        <h2 id="webhook-section-title">Webhooks</h2>
        <p className="muted">
          Yardstick calls these HTTPS endpoints when a version is published, an attempt is submitted or an
          annotator’s status changes. Deliveries are signed with the endpoint’s secret and retried for 24
          hours.
        </p>
      </header>
      <form
        className="webhook-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (url.trim() && events.length > 0) void add()
        }}
      >
        <label className="field">
          <span className="field-label">Endpoint URL</span>
          <input
            className="text-input"
            data-testid="webhook-url-input"
            placeholder="https://hooks.example.com/yardstick"
            value={url}
            maxLength={2000}
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Description</span>
          <input
            className="text-input"
            data-testid="webhook-description-input"
            value={description}
            maxLength={200}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
        <fieldset className="webhook-events">
          <legend className="field-label">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="webhook-event">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(event) =>
                  setEvents(event.target.checked ? [...events, type] : events.filter((e) => e !== type))
                }
              />
              {type}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="button button--secondary"
          data-testid="webhook-add"
          disabled={pending || !url.trim() || events.length === 0}
        >
          {pending ? 'Adding…' : 'Add endpoint'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert" data-testid="webhook-error">
          {error}
        </p>
      )}
      {created && (
        <div className="invite-created" data-testid="webhook-created">
          <p className="invite-created__title">
            Endpoint added. Its signing secret — copy it now (owners can reveal it again later):
          </p>
          <CopyField value={created.secret} testId="webhook-created-secret" label="Signing secret" />
        </div>
      )}
      {endpoints.state.status === 'loading' && <PageLoading />}
      {endpoints.state.status === 'error' && (
        <p className="form-error" role="alert">
          Could not load the endpoints: {endpoints.state.message}
        </p>
      )}
      {endpoints.state.status === 'ready' &&
        (endpoints.state.value.length === 0 ? (
          <p className="section-empty">No endpoints yet.</p>
        ) : (
          <ul className="webhook-list" data-testid="webhook-list">
            {endpoints.state.value.map((endpoint) => (
              <EndpointRow
                key={endpoint.id}
                projectId={projectId}
                endpoint={endpoint}
                onChanged={endpoints.reload}
              />
            ))}
          </ul>
        ))}
    </section>
  )
}
