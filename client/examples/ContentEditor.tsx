/** The content editors of an example by content kind: every text is a collaborative RichField. */
import type { ContentKind } from '../../shared/schema/rubric'
import { contentRichText } from '../../shared/ydoc/exampleContentDoc'
import { useDraftData } from '../rubric/draftContext'
import { ConversationEditor } from './ConversationEditor'
import { MediaEditor } from './MediaEditor'
import { RichField } from './RichField'
import { StepsEditor } from './StepsEditor'

interface FieldSpec {
  path: string
  label: string
  placeholder: string
  testId: string
}

const PROMPT: FieldSpec = {
  path: 'prompt',
  label: 'Prompt',
  placeholder: "The user's prompt…",
  testId: 'example-prompt',
}

export function ContentEditor({ exampleId, kind }: { exampleId: string; kind: ContentKind }) {
  const { doc, editable } = useDraftData()
  const field = (spec: FieldSpec) => (
    <RichField
      key={spec.path}
      doc={doc}
      fragment={contentRichText(doc, exampleId, spec.path)}
      label={spec.label}
      placeholder={spec.placeholder}
      editable={editable}
      testId={spec.testId}
    />
  )
  switch (kind) {
    case 'free':
      return field({
        path: 'body',
        label: 'Content',
        placeholder: 'The item to rate…',
        testId: 'example-body',
      })
    case 'single':
      return (
        <>
          {field(PROMPT)}
          {field({
            path: 'response',
            label: 'Response',
            placeholder: "The model's response…",
            testId: 'example-response',
          })}
        </>
      )
    case 'pairwise':
      return (
        <>
          {field(PROMPT)}
          <div className="example__pair">
            {field({
              path: 'responseA',
              label: 'Response A',
              placeholder: 'Response A…',
              testId: 'example-response-a',
            })}
            {field({
              path: 'responseB',
              label: 'Response B',
              placeholder: 'Response B…',
              testId: 'example-response-b',
            })}
          </div>
        </>
      )
    case 'conversation':
      return <ConversationEditor exampleId={exampleId} />
    case 'media':
      return <MediaEditor exampleId={exampleId} />
    case 'reasoning':
      return (
        <>
          {field(PROMPT)}
          <StepsEditor exampleId={exampleId} kind="reasoning" />
          {field({
            path: 'answer',
            label: 'Final answer',
            placeholder: 'The answer the reasoning reaches…',
            testId: 'example-answer',
          })}
        </>
      )
    case 'trajectory':
      return (
        <>
          {field({
            path: 'task',
            label: 'Task',
            placeholder: 'What the agent was asked to do…',
            testId: 'example-task',
          })}
          <StepsEditor exampleId={exampleId} kind="trajectory" />
          {field({
            path: 'outcome',
            label: 'Outcome',
            placeholder: 'How the run ended…',
            testId: 'example-outcome',
          })}
        </>
      )
  }
}
