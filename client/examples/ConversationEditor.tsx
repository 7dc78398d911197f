/**
 * The turns of a conversation example: each with a role and collaborative rich text, added, removed and
 * moved; optionally two alternative final assistant turns A and B side by side (for pairwise criteria).
 */
import { TURN_ROLES } from '../../shared/schema/rubric'
import {
  addTurn,
  contentRichText,
  hasFinals,
  moveTurn,
  removeTurn,
  setHasFinals,
  setTurnRole,
  type TurnRole,
  turnEntries,
} from '../../shared/ydoc/exampleContentDoc'
import { useDraftData } from '../rubric/draftContext'
import { writeLocal } from '../sync/localOrigin'
import { ItemControls } from './ItemControls'
import { RichField } from './RichField'

const ROLE_NAMES: Record<TurnRole, string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
}

export function ConversationEditor({ exampleId }: { exampleId: string }) {
  const { doc, editable } = useDraftData()
  const turns = turnEntries(doc, exampleId)
  const finals = hasFinals(doc, exampleId)
  const edit = (fn: () => void) => writeLocal(doc, fn)
  const nextRole: TurnRole = turns.at(-1)?.role === 'user' ? 'assistant' : 'user'
  return (
    <div className="ex-turns" data-testid="conversation-editor">
      {turns.length === 0 && <p className="muted small">No turns yet.</p>}
      <ol className="ex-turns__list">
        {turns.map((turn, index) => (
          <li key={turn.id} className={`ex-turn ex-turn--${turn.role}`} data-testid="turn">
            <div className="ex-turn__head">
              <span className="ex-turn__number">{index + 1}</span>
              <select
                className="text-input ex-turn__role"
                aria-label={`Role of turn ${index + 1}`}
                value={turn.role}
                disabled={!editable}
                data-testid="turn-role"
                onChange={(event) =>
                  edit(() => setTurnRole(doc, exampleId, turn.id, event.target.value as TurnRole))
                }
              >
                {TURN_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_NAMES[role]}
                  </option>
                ))}
              </select>
              {editable && (
                <ItemControls
                  name={`turn ${index + 1}`}
                  index={index}
                  count={turns.length}
                  onMove={(to) => edit(() => moveTurn(doc, exampleId, turn.id, to))}
                  onRemove={() => edit(() => removeTurn(doc, exampleId, turn.id))}
                />
              )}
            </div>
            <RichField
              doc={doc}
              fragment={contentRichText(doc, exampleId, `turns.${turn.id}`)}
              label={`Turn ${index + 1} (${ROLE_NAMES[turn.role]})`}
              hideLabel
              placeholder={`What the ${turn.role} says…`}
              editable={editable}
              testId="turn-text"
            />
          </li>
        ))}
      </ol>
      {editable && (
        <div className="item-add">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="turn-add"
            onClick={() => edit(() => addTurn(doc, exampleId, nextRole))}
          >
            + {ROLE_NAMES[nextRole]} turn
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => edit(() => addTurn(doc, exampleId, 'system', 0))}
          >
            + System turn first
          </button>
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={finals}
          disabled={!editable}
          data-testid="conversation-finals"
          onChange={(event) => edit(() => setHasFinals(doc, exampleId, event.target.checked))}
        />
        Alternative final turns A / B (to compare two replies)
      </label>
      {finals && (
        <div className="example__pair">
          <RichField
            doc={doc}
            fragment={contentRichText(doc, exampleId, 'finalA')}
            label="Final turn A"
            placeholder="Assistant reply A…"
            editable={editable}
            testId="final-a"
          />
          <RichField
            doc={doc}
            fragment={contentRichText(doc, exampleId, 'finalB')}
            label="Final turn B"
            placeholder="Assistant reply B…"
            editable={editable}
            testId="final-b"
          />
        </div>
      )}
    </div>
  )
}
