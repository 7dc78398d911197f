/**
 * Template: hallucination detection in source-grounded summaries — mark unsupported and contradicting claims
 * as spans. Gold span offsets are computed from the quoted words (spans.ts), never counted by hand.
 */
import { b, doc, example, h, i, p, quote, ul } from './guidelineJson'
import { ALL_ITEMS, base, gold } from './rubricParts'
import { markSpan } from './spans'
import type { TemplateJson } from './templateSchema'

const UNSUPPORTED = 'unsupported claim'
const CONTRADICTS = 'contradicts source'

const prompt = (source: string) => `Summarise this text in two sentences.\n\n${source}`

const LIBRARY_SOURCE =
  'The Riverside branch library will reopen on 14 March after an 18-month renovation. The building now has a children’s wing, 40 public computers and step-free access from the car park. It will open 9:00–19:00 on weekdays and 10:00–16:00 on Saturdays, and stay closed on Sundays. The £2.1 million renovation was funded by the city council.'
const LIBRARY_SUMMARY =
  'After an 18-month renovation, the Riverside library reopens on 14 March with a new children’s wing, 40 public computers and step-free access, making it the largest library in the region. It opens six days a week, and the £2.1 million renovation was paid for by a national lottery grant.'

const KETTLE_SOURCE =
  'Brightwell is recalling 12,000 electric kettles sold between June and August because the lid can open while the water is boiling. Customers should stop using the kettle and return it to any store for a full refund; a receipt is not needed. No injuries have been reported.'
const KETTLE_SUMMARY =
  'Brightwell is recalling 12,000 kettles sold from June to August whose lids can open during boiling. Stop using yours and return it to any store for a full refund, no receipt needed; no injuries have been reported.'

const CYCLING_SOURCE =
  'In the 2023 survey, 62% of the 1,200 respondents said they cycle to work at least once a week, up from 48% in 2019. The survey did not ask respondents why their habits had changed.'
const CYCLING_SUMMARY =
  'Weekly cycling to work rose from 48% in 2019 to 68% in 2023 among the 1,200 people surveyed, largely thanks to the city’s new bike lanes.'

export const hallucinationTemplate: TemplateJson = {
  id: 'hallucination-detection',
  name: 'Hallucination detection (spans)',
  summary:
    'Mark claims in a summary that the source does not support or that contradict it, as labelled spans.',
  guideline: doc(
    h(1, 'Finding hallucinations in summaries', 'sec-intro'),
    p(
      'The prompt holds a source text and the response summarises it. Your job is to mark every claim in the ',
      b('response'),
      ' that the source does not back up, and to say whether the summary is faithful overall. Use only the ',
      'source: a claim that happens to be true in the world but is not in the source is still unsupported.',
    ),
    h(2, '1. Two labels', 'sec-labels'),
    ul(
      [b(CONTRADICTS), ': the source says something different (a number, a date, who did what).'],
      [
        b(UNSUPPORTED),
        ': the source says nothing either way — added causes, superlatives, opinions as fact.',
      ],
    ),
    p(
      'When a claim both adds and changes information, prefer ',
      i(CONTRADICTS),
      ': it is the more serious error.',
    ),
    example('hd-library'),
    h(2, '2. How much to mark', 'sec-extent'),
    p(
      'Mark the smallest stretch of words that carries the false claim — the number, or the clause that adds the ',
      'cause — not the whole sentence. A span matches gold when it overlaps at least half of the shorter of the ',
      'two, so you do not need to hit the exact characters.',
    ),
    quote(
      i('Gray area: '),
      'paraphrase is not hallucination. “From June to August” for “between June and August”, or dropping a ',
      'detail, is faithful; a summary may leave things out.',
    ),
    example('hd-kettle'),
    example('hd-cycling'),
  ),
  rubric: {
    title: 'Summary faithfulness',
    instructions:
      'Mark each unsupported or contradicting claim in the response with the right label and a short note, then say whether the summary is faithful.',
    passThreshold: 0.7,
    attempt: ALL_ITEMS,
    criteria: [
      {
        ...base(
          'hd-spans',
          'Hallucinated claims',
          'Every claim in the response that the source contradicts or does not support, marked as a span.',
          ['axis:accuracy'],
        ),
        kind: 'span',
        labels: [
          { value: UNSUPPORTED, description: 'The source says nothing either way.' },
          { value: CONTRADICTS, description: 'The source says something different.' },
        ],
        minOverlap: 0.5,
        minF1: 0.5,
        weight: 2,
      },
      {
        ...base(
          'hd-faithful',
          'Faithful overall',
          'Yes when the summary makes no claim the source contradicts or fails to support.',
          ['axis:accuracy'],
        ),
        kind: 'binary',
      },
    ],
    taskTypes: [
      {
        id: 'tt-summary',
        name: 'Check a summary against its source',
        contentKind: 'single',
        criterionIds: ['hd-spans', 'hd-faithful'],
      },
    ],
  },
  examples: [
    {
      id: 'hd-library',
      title: 'Library reopening',
      taskTypeId: 'tt-summary',
      content: { kind: 'single', prompt: prompt(LIBRARY_SOURCE), response: LIBRARY_SUMMARY },
      gold: {
        'hd-spans': gold(
          'Two claims: the superlative appears nowhere in the source, and the funding is attributed to the wrong body.',
          {
            spans: [
              markSpan(
                'response',
                LIBRARY_SUMMARY,
                'making it the largest library in the region',
                UNSUPPORTED,
                'The source never compares the library with others.',
              ),
              markSpan(
                'response',
                LIBRARY_SUMMARY,
                'paid for by a national lottery grant',
                CONTRADICTS,
                'The source says the city council funded it.',
              ),
            ],
          },
        ),
        'hd-faithful': gold('Two hallucinated claims.', false),
      },
      rationale:
        '“Six days a week” is a correct inference from weekdays plus Saturdays, not a hallucination; the superlative and the funder are.',
      difficulty: 'easy',
      sectionId: 'sec-labels',
      status: 'ready',
      role: 'teaching',
    },
    {
      id: 'hd-kettle',
      title: 'Kettle recall, faithfully paraphrased',
      taskTypeId: 'tt-summary',
      content: { kind: 'single', prompt: prompt(KETTLE_SOURCE), response: KETTLE_SUMMARY },
      gold: {
        'hd-spans': gold('Every claim is in the source; the changes are paraphrase.', { spans: [] }),
        'hd-faithful': gold('Faithful: numbers, dates, remedy and injuries all match the source.', true),
      },
      rationale:
        'A faithful summary gets no spans. Rewording (“from June to August”, “during boiling”) and leaving out “electric” are not errors.',
      difficulty: 'medium',
      sectionId: 'sec-extent',
      status: 'ready',
      role: 'calibration',
    },
    {
      id: 'hd-cycling',
      title: 'Cycling survey with an invented cause',
      taskTypeId: 'tt-summary',
      content: { kind: 'single', prompt: prompt(CYCLING_SOURCE), response: CYCLING_SUMMARY },
      gold: {
        'hd-spans': gold(
          'The 2023 figure is wrong and the cause is invented; the source explicitly did not ask why.',
          {
            spans: [
              markSpan('response', CYCLING_SUMMARY, '68%', CONTRADICTS, 'The source gives 62% for 2023.'),
              markSpan(
                'response',
                CYCLING_SUMMARY,
                'largely thanks to the city’s new bike lanes',
                UNSUPPORTED,
                'The source says the survey did not ask why habits changed; bike lanes are never mentioned.',
              ),
            ],
          },
        ),
        'hd-faithful': gold('A wrong number and an invented cause.', false),
      },
      rationale:
        'Mark just the wrong number, not the whole sentence; the causal clause is a separate unsupported claim even though it sounds plausible.',
      difficulty: 'hard',
      sectionId: 'sec-extent',
      status: 'ready',
      role: 'calibration',
    },
  ],
}
