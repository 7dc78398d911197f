/**
 * Read tokens for tools (owners and leads): create one by name, optionally allowed to read gold (its secret is
 * shown once, with Copy and a curl example), see each one's scope and when it was last used, revoke.
 */
import { useState } from 'react'
import { unsafeCharacterMessage } from '../../shared/schema/safeText'
import type { ReadToken } from '../../shared/schema/version'
import { errorMessage } from '../api/http'
import { createToken, listTokens, revokeToken, versionApiUrl } from '../api/versions'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { CopyField } from '../ui/CopyField'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { LoadError } from './VersionsChrome'

export function ReadTokens({ projectId }: { projectId: string }) {
  const tokens = useResource(projectId, (signal) => listTokens(projectId, signal))
  const [name, setName] = useState('')
  const [withGold, setWithGold] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [revoking, setRevoking] = useState<ReadToken | null>(null)
  const unsafe = unsafeCharacterMessage(name.trim())

  const create = async () => {
    setPending(true)
    setError(null)
    try {
      const token = await createToken(projectId, name.trim(), withGold ? ['gold'] : [])
      setCreated({ name: token.name, token: token.token })
      setName('')
      setWithGold(false)
      tokens.reload()
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setPending(false)
    }
  }

  const url = `${window.location.origin}${versionApiUrl(projectId, 'latest')}`
  return (
    <section className="panel" data-testid="tokens-section" aria-labelledby="tokens-title">
      <header className="panel__header">
        <h2 id="tokens-title">Read tokens for tools</h2>
        <p className="muted">
          Annotation platforms and scripts use a token to fetch published versions and their exports. A token
          sees what annotators see unless you let it read gold.
        </p>
      </header>
      <form
        className="token-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (name.trim() && !unsafe) void create()
        }}
      >
        <label className="field">
          <span className="field-label">Token name</span>
          <input
            className="text-input"
            data-testid="token-name"
            maxLength={80}
            placeholder="e.g. Labeling platform sync"
            aria-invalid={unsafe ? true : undefined}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="token-gold"
            checked={withGold}
            onChange={(event) => setWithGold(event.target.checked)}
          />
          <span>May read gold (answers and rationales; for leads’ tools only)</span>
        </label>
        <button
          type="submit"
          className="button button--secondary"
          data-testid="token-create"
          disabled={pending || !name.trim() || Boolean(unsafe)}
        >
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {unsafe && (
        <p className="form-error" role="alert" data-testid="token-name-error">
          The token name {unsafe}.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="invite-created" data-testid="token-created">
          <p className="invite-created__title">
            Token “{created.name}” created — copy it now, it is shown only once.
          </p>
          <CopyField value={created.token} testId="token-value" label="Read token" />
          <p className="field-hint">Fetch the latest published version with it:</p>
          <pre className="token-curl" data-testid="token-curl">
            {`curl -H "Authorization: Bearer ${created.token}" \\\n  ${url}`}
          </pre>
        </div>
      )}
      {tokens.state.status === 'loading' && <PageLoading />}
      {tokens.state.status === 'error' && (
        <LoadError message={tokens.state.message} onRetry={tokens.reload} />
      )}
      {tokens.state.status === 'ready' &&
        (tokens.state.value.length === 0 ? (
          <p className="section-empty">No tokens yet.</p>
        ) : (
          <ul className="token-list" data-testid="token-list">
            {tokens.state.value.map((token) => (
              <li key={token.id} className="token-row" data-testid="token-row">
                <span className="token-row__name">{token.name}</span>
                <span className="muted" data-testid="token-scope">
                  {token.scopes.includes('gold') ? 'reads gold' : 'no gold'}
                </span>
                <span className="muted" title={formatFullTime(token.createdAt)}>
                  created {formatRelativeTime(token.createdAt)}
                </span>
                <span
                  className="muted"
                  title={token.lastUsedAt ? formatFullTime(token.lastUsedAt) : undefined}
                >
                  {token.lastUsedAt ? `last used ${formatRelativeTime(token.lastUsedAt)}` : 'never used'}
                </span>
                <button
                  type="button"
                  className="button button--ghost button--danger-text"
                  data-testid="token-revoke"
                  onClick={() => setRevoking(token)}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        ))}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke token"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeToken(projectId, revoking.id)
            tokens.reload()
          }}
        >
          <p>Tools using this token will get “401 Unauthorized” from now on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
