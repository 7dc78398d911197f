/** An example's content as the annotator reads it: the prompt and its response, or responses A and B side by side. */
import type { ExampleContent as Content } from '../../shared/schema/rubric'

function Part({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <section className="example-part" data-testid={testId}>
      <h3 className="example-part__label">{label}</h3>
      <div className="example-part__text">{text || <span className="muted">(empty)</span>}</div>
    </section>
  )
}

export function ExampleContent({ content }: { content: Content }) {
  switch (content.kind) {
    case 'single':
      return (
        <div className="example-content">
          <Part label="Prompt" text={content.prompt} testId="example-prompt" />
          <Part label="Response" text={content.response} testId="example-response" />
        </div>
      )
    case 'pairwise':
      return (
        <div className="example-content">
          <Part label="Prompt" text={content.prompt} testId="example-prompt" />
          <div className="example-content__pair">
            <Part label="Response A" text={content.responseA} testId="example-response-a" />
            <Part label="Response B" text={content.responseB} testId="example-response-b" />
          </div>
        </div>
      )
    case 'free':
      return (
        <div className="example-content">
          <Part label="Item" text={content.body} testId="example-body" />
        </div>
      )
  }
}
