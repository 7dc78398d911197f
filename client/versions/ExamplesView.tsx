/**
 * A published version's examples read-only, with their role; gold answers and rationales when the version
 * carries them (owners and leads) and for teaching examples (worked examples, shown to everyone).
 */
import { isHeldOut } from '../../shared/rubric/calibrationPool'
import { describeValue } from '../../shared/rubric/goldFits'
import type { CalibrationExample, ExampleContent, Rubric } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'

function Content({ content }: { content: ExampleContent }) {
  if (content.kind === 'free') return <p className="example-view__text">{content.body}</p>
  return (
    <dl className="example-view__content">
      <dt>Prompt</dt>
      <dd>{content.prompt}</dd>
      {content.kind === 'single' ? (
        <>
          <dt>Response</dt>
          <dd>{content.response}</dd>
        </>
      ) : (
        <>
          <dt>Response A</dt>
          <dd>{content.responseA}</dd>
          <dt>Response B</dt>
          <dd>{content.responseB}</dd>
        </>
      )}
    </dl>
  )
}

function Gold({ example, rubric }: { example: CalibrationExample; rubric: Rubric }) {
  return (
    <div className="example-view__gold" data-testid="example-gold">
      <p className="example-view__gold-title">
        {example.role === 'teaching' ? (
          <>
            Gold answers <span className="muted">(a worked example, shown to everyone)</span>
          </>
        ) : (
          <>
            Gold answers <span className="muted">(owners and leads only)</span>
          </>
        )}
      </p>
      <ul>
        {rubric.criteria.map((criterion) => {
          const entry = example.gold[criterion.id]
          if (!entry) return null
          return (
            <li key={criterion.id}>
              <strong>{criterion.title}:</strong>{' '}
              {entry.accepted.map((v) => describeValue(criterion, v)).join(' or ')}
              {entry.rationale && <span className="muted"> — {entry.rationale}</span>}
            </li>
          )
        })}
      </ul>
      {example.rationale && (
        <p className="example-view__rationale">
          <strong>Why:</strong> {example.rationale}
        </p>
      )}
    </div>
  )
}

export function ExamplesView({ version }: { version: VersionJson }) {
  const examples = version.examples
  const sections = new Map(version.guideline.sections.map((s) => [s.id, s.title]))
  return (
    <section className="version-section" data-testid="version-examples" aria-labelledby="examples-title">
      <h2 id="examples-title">Calibration examples</h2>
      {!version.includesGold && (
        <p className="muted">
          Gold answers of calibration items are hidden: you'll see them after you submit a calibration
          attempt. Teaching examples show theirs.
        </p>
      )}
      {examples.length === 0 ? (
        <p className="section-empty">This version has no examples.</p>
      ) : (
        <ol className="example-list">
          {examples.map((example) => (
            <li key={example.id} className="example-view" data-testid="version-example">
              <div className="example-view__head">
                <h3>{example.title || 'Untitled example'}</h3>
                <span className="rubric-tag">{example.difficulty}</span>
                {isHeldOut(example) && (
                  <span className="rubric-tag" data-testid="held-out-badge">
                    Held-out calibration item
                  </span>
                )}
                {example.role === 'teaching' && <span className="rubric-tag">Teaching example</span>}
                {example.sectionId && sections.get(example.sectionId) && (
                  <a className="rubric-tag rubric-tag--muted" href={`#${example.sectionId}`}>
                    § {sections.get(example.sectionId)}
                  </a>
                )}
              </div>
              <Content content={example.content} />
              {'gold' in example && (version.includesGold || example.role === 'teaching') && (
                <Gold example={example as CalibrationExample} rubric={version.rubric} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
