/** Template: rating single assistant responses on four Likert attributes scored 0–4. */
import { b, doc, example, h, i, p, quote, ul } from './guidelineJson'
import { ALL_ITEMS, base, gold, levels } from './rubricParts'
import type { TemplateJson } from './templateSchema'

const LABELS = ['Unacceptable', 'Poor', 'Adequate', 'Good', 'Excellent']

export const responseRatingTemplate: TemplateJson = {
  id: 'response-rating',
  name: 'Response rating (Likert attributes)',
  summary:
    'Rate one assistant response on instruction following, truthfulness, helpfulness and style, 0–4 each.',
  guideline: doc(
    h(1, 'Rating assistant responses', 'sec-intro'),
    p(
      'You will see a user prompt and one assistant response. Score the response on four attributes from 0 to 4 ',
      'using the level descriptors in the rubric, then write one sentence per attribute saying ',
      b('what'),
      ' in the response earned the score. Rate what the user received, not what you would have written.',
    ),
    h(2, '1. Instruction following', 'sec-instructions'),
    p(
      'Count every explicit constraint in the prompt (length, format, language, audience, things to avoid) and ',
      'check each one. Implicit constraints count too when any reasonable reader would assume them — a request ',
      'for "a tweet" implies fitting in a tweet.',
    ),
    quote(
      i('Gray area: '),
      'when two constraints conflict ("explain in detail, in one sentence"), a response that satisfies the ',
      'more important one and says so is not penalised for the other.',
    ),
    example('rr-haiku'),
    h(2, '2. Truthfulness', 'sec-truthfulness'),
    p(
      'Every factual claim must be correct as of the response date. Check claims you are unsure of; do not ',
      'reward confident tone. A claim you cannot verify in two minutes is marked as unverifiable in your ',
      'rationale and costs one level, not two.',
    ),
    ul(
      'A wrong number, date or name that the user would rely on is a clear error (score 1 or below).',
      'Simplifications are fine when they do not change what the user would do.',
    ),
    example('rr-vitamin-d'),
    h(2, '3. Helpfulness and concision', 'sec-helpfulness'),
    p(
      'Helpful means the user can act on the answer. Concise means no needless words, ',
      b('not short at the cost of usefulness'),
      ': a two-line answer that leaves out the step the user needs is less helpful, not more concise.',
    ),
    example('rr-git-undo'),
    h(2, '4. Style and tone', 'sec-style'),
    p(
      'Formatting should help the reader (lists for steps, code blocks for code) and the tone should match the ',
      'request. Do not lower Style for a formatting choice you merely dislike.',
    ),
  ),
  rubric: {
    title: 'Response quality — four attributes',
    instructions:
      'Score each attribute 0–4 with the level descriptors. Scores within one level of gold agree. Write a rationale for Truthfulness.',
    passThreshold: 0.75,
    attempt: ALL_ITEMS,
    criteria: [
      {
        ...base(
          'rr-instructions',
          'Instruction following',
          'Meets every explicit and reasonable implicit constraint of the prompt.',
          ['axis:instruction-following'],
        ),
        kind: 'ordinal',
        tolerance: 1,
        levels: levels(LABELS, [
          'Ignores the main request or breaks most constraints.',
          'Addresses the request but breaks an important constraint.',
          'Meets the main constraints; misses a minor one.',
          'Meets all constraints with a small slip in one.',
          'Meets every explicit and implicit constraint.',
        ]),
      },
      {
        ...base('rr-truthfulness', 'Truthfulness', 'Every factual claim is correct and current.', [
          'axis:accuracy',
        ]),
        kind: 'ordinal',
        tolerance: 1,
        rationaleRequired: true,
        weight: 2,
        levels: levels(LABELS, [
          'A false claim that could cause harm if the user relied on it.',
          'A clear factual error the user would rely on.',
          'Mostly correct; one unverifiable or imprecise claim.',
          'Correct, with a harmless simplification.',
          'Entirely correct.',
        ]),
      },
      {
        ...base(
          'rr-helpfulness',
          'Helpfulness',
          'The user can act on the answer; it covers the step they need without needless words.',
          ['axis:helpfulness'],
        ),
        kind: 'ordinal',
        tolerance: 1,
        levels: levels(LABELS, [
          'Does not help with what was asked.',
          'Helps in part; the user must look elsewhere for the key step.',
          'Answers, but misses something a careful expert would add.',
          'Answers fully with a minor gap or some padding.',
          'Answers fully and directly; nothing needed is missing, nothing needless is added.',
        ]),
      },
      {
        ...base('rr-style', 'Style and tone', 'Formatting helps the reader; the tone fits the request.', [
          'axis:communication',
        ]),
        kind: 'ordinal',
        tolerance: 1,
        levels: levels(LABELS, [
          'Unreadable, or a tone that is rude or wildly wrong for the request.',
          'Hard to follow; formatting gets in the way.',
          'Readable with effort.',
          'Clear, with one rough spot.',
          'Clear, well organised and in a fitting tone.',
        ]),
      },
    ],
    taskTypes: [
      {
        id: 'tt-rate',
        name: 'Rate a response',
        contentKind: 'single',
        criterionIds: ['rr-instructions', 'rr-truthfulness', 'rr-helpfulness', 'rr-style'],
      },
    ],
  },
  examples: [
    {
      id: 'rr-haiku',
      title: 'A haiku that is not one',
      taskTypeId: 'tt-rate',
      content: {
        kind: 'single',
        prompt: 'Write a haiku about autumn rain for my daughter’s class. No rhymes, please.',
        response:
          'Soft rain on the leaves, the puddles hold the gray sky, boots splash all the way home and the maple trees say goodbye.',
      },
      gold: {
        'rr-instructions': gold(
          'Four phrases of 5/7/6/8 syllables instead of a 5/7/5 haiku, and it rhymes “sky” with “goodbye” although the prompt said no rhymes: two explicit constraints broken.',
          1,
        ),
        'rr-truthfulness': gold('A poem makes no factual claims; nothing to penalise.', 4),
        'rr-helpfulness': gold(
          'The user cannot use it as a haiku without rewriting it, but the imagery is usable as a start.',
          1,
          2,
        ),
        'rr-style': gold(
          'Written as one run-on sentence with no line breaks, which hides the (wrong) structure from a class of children.',
          2,
        ),
      },
      rationale:
        'Pleasant imagery does not rescue a response that breaks the two constraints the user stated: haiku form and no rhymes.',
      difficulty: 'easy',
      sectionId: 'sec-instructions',
      status: 'ready',
      role: 'teaching',
    },
    {
      id: 'rr-vitamin-d',
      title: 'Vitamin D dose with a wrong upper limit',
      taskTypeId: 'tt-rate',
      content: {
        kind: 'single',
        prompt: 'How much vitamin D should an adult take per day in winter?',
        response:
          'Most adults need about 600–800 IU (15–20 micrograms) a day, and in winter many health services suggest a 10 microgram (400 IU) supplement. You can safely take up to 10,000 IU every day long-term, so there is no need to worry about taking too much.',
      },
      gold: {
        'rr-instructions': gold('Answers the question asked, for adults, in winter.', 4),
        'rr-truthfulness': gold(
          'The daily amounts are right, but the usual tolerable upper intake for adults is 4,000 IU; “safely up to 10,000 IU long-term, no need to worry” is a false claim a user could act on.',
          0,
          1,
        ),
        'rr-helpfulness': gold(
          'Gives a usable daily amount, but the reassurance about overdosing removes the caution the user needs.',
          2,
        ),
        'rr-style': gold('Short, clear and in plain language.', 4),
      },
      rationale:
        'One confident wrong claim about the safe upper limit outweighs the correct recommendation: Truthfulness is scored on the worst claim the user could rely on.',
      difficulty: 'medium',
      sectionId: 'sec-truthfulness',
      status: 'ready',
      role: 'calibration',
    },
    {
      id: 'rr-git-undo',
      title: 'Undoing a pushed commit, briefly',
      taskTypeId: 'tt-rate',
      content: {
        kind: 'single',
        prompt: 'I pushed a commit to the shared main branch by mistake. How do I undo it?',
        response: 'Run git reset --hard HEAD~1.',
      },
      gold: {
        'rr-instructions': gold(
          'Responds to “how do I undo it” with a command, so the main request is addressed, but ignores that the branch is shared.',
          2,
          3,
        ),
        'rr-truthfulness': gold(
          'The command is real and does drop the last commit locally, but presenting it as the way to undo a pushed commit on a shared branch is misleading: others keep the commit, and forcing the push rewrites their history. git revert is the safe answer.',
          1,
        ),
        'rr-helpfulness': gold(
          'Short at the cost of usefulness: it leaves out the push that would be needed and the safer git revert a careful engineer would recommend on a shared branch.',
          1,
        ),
        'rr-style': gold('A single command with no formatting or explanation; readable but bare.', 2, 3),
      },
      rationale:
        'Concise is not the same as short: the one-liner skips the fact that the branch is shared, which is exactly what changes the right answer (git revert).',
      difficulty: 'hard',
      sectionId: 'sec-helpfulness',
      status: 'ready',
      role: 'calibration',
    },
  ],
}
