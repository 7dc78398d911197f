/**
 * An example's content, read-only, for every content kind: prompt and response(s), a free item, a chat
 * transcript with role badges (and final turns A/B side by side), numbered reasoning steps with the final
 * answer, an agent trajectory (thought, tool call, observation per step, then the outcome), or a prompt with
 * its generated media in a gallery (media A/B side by side). Each text is its Markdown form when the content
 * carries one, else the plain text. Callers can replace how a text is shown (`renderText`, e.g. a SpanMarker
 * for marking spans) and add controls beside each step (`stepAside`).
 */
import type { ReactNode } from 'react'
import { highlight } from '../../shared/content/renderMarkdown'
import type { ExampleContent } from '../../shared/schema/rubric'
import { Markdown } from './Markdown'
import { MediaGallery } from './MediaGallery'
import '../styles/content.css'

export interface ContentViewProps {
  content: ExampleContent
  /** Shows the text at `path` differently; return undefined to keep the default rendering. */
  renderText?: (path: string, text: string) => ReactNode | undefined
  /** Controls shown beside a reasoning or trajectory step (e.g. verdict selects). */
  stepAside?: (stepId: string, number: number) => ReactNode
  /** Smaller type and spacing (version pages, feedback). */
  compact?: boolean
  /** The project the content's media is served from (media examples show their images, clips, audio). */
  projectId?: string
}

type TextProps = Pick<ContentViewProps, 'content' | 'renderText'> & { path: string; text: string }

function Text({ content, renderText, path, text }: TextProps) {
  const custom = renderText?.(path, text)
  if (custom !== undefined) return <>{custom}</>
  const markdown = content.markdown?.[path]
  if (markdown !== undefined && markdown.trim() !== '') return <Markdown source={markdown} />
  if (!text) return <div className="content-text muted">(empty)</div>
  return <div className="content-text">{text}</div>
}

function Part({
  label,
  testId,
  children,
  className,
}: {
  label: ReactNode
  testId?: string
  children: ReactNode
  className?: string
}) {
  return (
    <section className={`content-part${className ? ` ${className}` : ''}`} data-testid={testId}>
      <p className="content-part__label">{label}</p>
      {children}
    </section>
  )
}

/** Arguments typed as JSON, pretty-printed; kept as typed when they are not valid JSON. */
export function prettyArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2)
  } catch {
    return args
  }
}

function ToolCall({ tool, args, text }: { tool: string; args: string; text: ReactNode | undefined }) {
  if (text !== undefined) return <>{text}</>
  const pretty = prettyArgs(args)
  return (
    <pre className="content-code" data-testid="tool-call">
      <code>
        <span className="content-code__tool">{tool || 'action'}</span>(
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the code it highlights */}
        <span dangerouslySetInnerHTML={{ __html: highlight(pretty, 'json') }} />)
      </code>
    </pre>
  )
}

const ROLE_NAMES = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' } as const

/** One numbered step (reasoning or trajectory), with the rater's or gold's aside (a verdict) beside it. */
function StepItem({
  id,
  number,
  aside,
  children,
}: {
  id: string
  number: number
  aside: ((stepId: string, number: number) => ReactNode) | undefined
  children: ReactNode
}) {
  return (
    <li className="step" data-testid="content-step" data-step-id={id}>
      <span className="step__number" aria-hidden="true">
        {number}
      </span>
      <div className="step__body">
        <span className="visually-hidden">Step {number}: </span>
        {children}
      </div>
      {aside && <div className="step__aside">{aside(id, number)}</div>}
    </li>
  )
}

export function ContentView({ content, renderText, stepAside, compact, projectId }: ContentViewProps) {
  const text = (path: string, value: string) => (
    <Text content={content} renderText={renderText} path={path} text={value} />
  )
  const className = `content-view content-view--${content.kind}${compact ? ' content-view--compact' : ''}`
  switch (content.kind) {
    case 'single':
      return (
        <div className={className}>
          <Part label="Prompt" testId="example-prompt">
            {text('prompt', content.prompt)}
          </Part>
          <Part label="Response" testId="example-response">
            {text('response', content.response)}
          </Part>
        </div>
      )
    case 'pairwise':
      return (
        <div className={className}>
          <Part label="Prompt" testId="example-prompt">
            {text('prompt', content.prompt)}
          </Part>
          <div className="content-pair">
            <Part label="Response A" testId="example-response-a">
              {text('responseA', content.responseA)}
            </Part>
            <Part label="Response B" testId="example-response-b">
              {text('responseB', content.responseB)}
            </Part>
          </div>
        </div>
      )
    case 'free':
      return (
        <div className={className}>
          <Part label="Item" testId="example-body">
            {text('body', content.body)}
          </Part>
        </div>
      )
    case 'conversation':
      return (
        <div className={className}>
          <ol className="chat" aria-label="Conversation">
            {content.turns.map((turn, i) => (
              <li
                key={turn.id}
                className={`chat__turn chat__turn--${turn.role}`}
                data-testid="conversation-turn"
                data-role={turn.role}
              >
                <span className={`role-badge role-badge--${turn.role}`}>
                  {ROLE_NAMES[turn.role]}
                  <span className="visually-hidden"> (turn {i + 1})</span>
                </span>
                <div className="chat__bubble">{text(`turns.${turn.id}`, turn.text)}</div>
              </li>
            ))}
            {content.turns.length === 0 && <li className="muted">(no turns)</li>}
          </ol>
          {(content.finalA !== undefined || content.finalB !== undefined) && (
            <div className="content-pair">
              {content.finalA !== undefined && (
                <Part label="Final turn A" testId="example-final-a">
                  {text('finalA', content.finalA)}
                </Part>
              )}
              {content.finalB !== undefined && (
                <Part label="Final turn B" testId="example-final-b">
                  {text('finalB', content.finalB)}
                </Part>
              )}
            </div>
          )}
        </div>
      )
    case 'reasoning':
      return (
        <div className={className}>
          <Part label="Prompt" testId="example-prompt">
            {text('prompt', content.prompt)}
          </Part>
          <ol className="steps" aria-label="Reasoning steps">
            {content.steps.map((step, i) => (
              <StepItem key={step.id} id={step.id} number={i + 1} aside={stepAside}>
                {text(`steps.${step.id}`, step.text)}
              </StepItem>
            ))}
          </ol>
          <Part label="Final answer" testId="example-answer" className="content-part--answer">
            {text('answer', content.answer)}
          </Part>
        </div>
      )
    case 'media': {
      const pairwise = content.mediaA !== undefined && content.mediaB !== undefined
      return (
        <div className={className}>
          <Part label="Prompt" testId="example-prompt">
            {text('prompt', content.prompt)}
          </Part>
          {(!pairwise || content.media.length > 0) && (
            <Part label={pairwise ? 'Input media' : 'Media'} testId="example-media">
              <MediaGallery projectId={projectId} items={content.media} />
            </Part>
          )}
          {pairwise && (
            <div className="content-pair">
              <Part label="Media A" testId="example-media-a">
                <MediaGallery projectId={projectId} items={content.mediaA ?? []} />
              </Part>
              <Part label="Media B" testId="example-media-b">
                <MediaGallery projectId={projectId} items={content.mediaB ?? []} />
              </Part>
            </div>
          )}
        </div>
      )
    }
    case 'trajectory':
      return (
        <div className={className}>
          <Part label="Task" testId="example-task">
            {text('task', content.task)}
          </Part>
          <ol className="steps" aria-label="Trajectory steps">
            {content.steps.map((step, i) => (
              <StepItem key={step.id} id={step.id} number={i + 1} aside={stepAside}>
                {step.thought && (
                  <div className="step__field">
                    <span className="step__field-label">Thought</span>
                    {text(`steps.${step.id}.thought`, step.thought)}
                  </div>
                )}
                {(step.tool || step.args) && (
                  <div className="step__field">
                    <span className="step__field-label">Action</span>
                    <ToolCall
                      tool={step.tool}
                      args={step.args}
                      text={renderText?.(`steps.${step.id}.args`, step.args)}
                    />
                  </div>
                )}
                {step.observation && (
                  <div className="step__field">
                    <span className="step__field-label">Observation</span>
                    {text(`steps.${step.id}.observation`, step.observation)}
                  </div>
                )}
              </StepItem>
            ))}
          </ol>
          <Part label="Outcome" testId="example-outcome" className="content-part--answer">
            {text('outcome', content.outcome)}
          </Part>
        </div>
      )
  }
}
