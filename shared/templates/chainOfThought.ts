/** Template: grading a model's step-by-step reasoning — a verdict per step and the first wrong step. */
import { b, doc, example, h, i, p, quote, ul } from './guidelineJson'
import { ALL_ITEMS, base, gold } from './rubricParts'
import type { TemplateJson } from './templateSchema'

export const chainOfThoughtTemplate: TemplateJson = {
  id: 'chain-of-thought',
  name: 'Chain-of-thought grading',
  summary:
    'Walk through numbered reasoning steps: a verdict per step, the first wrong step, and the final answer.',
  guideline: doc(
    h(1, 'Grading step-by-step reasoning', 'sec-intro'),
    p(
      'You will see a problem, the model’s numbered reasoning steps and its final answer. Give every step a ',
      'verdict, name the first wrong step (or none), and say whether the final answer is correct. Work the ',
      'problem yourself first; do not trust a step because it sounds sure.',
    ),
    h(2, '1. Step verdicts', 'sec-verdicts'),
    ul(
      [b('correct'), ': follows validly from the problem and the steps before it.'],
      [b('incorrect'), ': introduces an error — a wrong calculation, a false fact, an invalid inference.'],
      [b('n/a'), ': restates the problem or the plan without claiming anything that could be wrong.'],
    ),
    p(
      b('Judge each step on its own. '),
      'A step that correctly builds on an earlier wrong result is ',
      i('correct'),
      ': the error belongs to the step that introduced it. Marking every later step incorrect hides where the ',
      'reasoning broke, which is what this task exists to find.',
    ),
    example('cot-train'),
    example('cot-discount'),
    h(2, '2. The first wrong step and the final answer', 'sec-first-wrong'),
    p(
      'The first wrong step is the first step you marked incorrect. The final answer is judged separately, ',
      'against the true answer only.',
    ),
    quote(
      i('Gray area: '),
      'a right answer reached through wrong steps still has a first wrong step. Errors can cancel; grade the ',
      'steps as written and the answer as given — both verdicts matter for training.',
    ),
    example('cot-percent'),
  ),
  rubric: {
    title: 'Reasoning grading',
    instructions:
      'Give each step a verdict, pick the first wrong step (or “none”), and mark whether the final answer is correct.',
    passThreshold: 0.75,
    attempt: ALL_ITEMS,
    criteria: [
      {
        ...base(
          'cot-steps',
          'Step verdicts',
          'A verdict per step (correct / incorrect / n/a) and the first step that is wrong.',
          ['axis:reasoning'],
        ),
        kind: 'stepVerdict',
        verdicts: ['correct', 'incorrect', 'n/a'],
        mode: 'both',
        minStepAgreement: 0.8,
        stepTolerance: 0,
        weight: 2,
        rationaleRequired: true,
      },
      {
        ...base(
          'cot-answer',
          'Final answer correct',
          'The final answer equals the true answer to the problem.',
          ['axis:accuracy'],
        ),
        kind: 'binary',
      },
    ],
    taskTypes: [
      {
        id: 'tt-reasoning',
        name: 'Grade reasoning steps',
        contentKind: 'reasoning',
        criterionIds: ['cot-steps', 'cot-answer'],
      },
    ],
  },
  examples: [
    {
      id: 'cot-train',
      title: 'Average speed with a time conversion slip',
      taskTypeId: 'tt-reasoning',
      content: {
        kind: 'reasoning',
        prompt: 'A train covers 150 km in 1 hour 15 minutes. What is its average speed in km/h?',
        steps: [
          { id: 's1', text: 'We need the average speed, which is distance divided by time.' },
          { id: 's2', text: '1 hour 15 minutes is 1.15 hours.' },
          { id: 's3', text: 'Average speed = 150 km ÷ 1.15 h.' },
          { id: 's4', text: '150 ÷ 1.15 ≈ 130.4, so about 130 km/h.' },
        ],
        answer: 'About 130 km/h.',
      },
      gold: {
        'cot-steps': gold(
          'Step 2 is the first wrong step: 15 minutes is 0.25 h, so the time is 1.25 h, not 1.15 h. Steps 3 and 4 correctly use the wrong value, so they are correct; step 1 only states the plan (n/a).',
          { steps: { s1: 'n/a', s2: 'incorrect', s3: 'correct', s4: 'correct' }, firstWrong: 's2' },
        ),
        'cot-answer': gold('150 ÷ 1.25 = 120 km/h, not 130.', false),
      },
      rationale:
        'Only the step that introduces the error is incorrect; the arithmetic after it is right for the numbers it was given.',
      difficulty: 'easy',
      sectionId: 'sec-verdicts',
      status: 'ready',
      role: 'teaching',
    },
    {
      id: 'cot-discount',
      title: 'Original price before a discount',
      taskTypeId: 'tt-reasoning',
      content: {
        kind: 'reasoning',
        prompt: 'A shirt costs $40 after a 20% discount. What was the original price?',
        steps: [
          { id: 's1', text: 'After a 20% discount the customer pays 80% of the original price.' },
          { id: 's2', text: 'So 0.8 × original price = $40.' },
          { id: 's3', text: 'Original price = $40 ÷ 0.8 = $50.' },
        ],
        answer: '$50',
      },
      gold: {
        'cot-steps': gold(
          'Every step is valid: 100% − 20% = 80%, the equation follows, and 40 ÷ 0.8 = 50. No step is wrong.',
          { steps: { s1: 'correct', s2: 'correct', s3: 'correct' }, firstWrong: null },
        ),
        'cot-answer': gold('Check: 20% of $50 is $10, and $50 − $10 = $40.', true),
      },
      rationale:
        'A fully correct chain: “none” is the right first wrong step. Raters who expect every item to contain an error tend to invent one here.',
      difficulty: 'easy',
      sectionId: 'sec-verdicts',
      status: 'ready',
      role: 'calibration',
    },
    {
      id: 'cot-percent',
      title: 'Right answer, wrong steps',
      taskTypeId: 'tt-reasoning',
      content: {
        kind: 'reasoning',
        prompt: 'What is 15% of 80?',
        steps: [
          { id: 's1', text: '15% of 80 = 80 × 0.15.' },
          { id: 's2', text: '80 × 0.15 = 80 × 0.1 + 80 × 0.05 = 8 + 5 = 13.' },
          { id: 's3', text: 'A percentage of a whole number is rounded down, so the result is 12.' },
        ],
        answer: '12',
      },
      gold: {
        'cot-steps': gold(
          'Step 2 is the first wrong step: 80 × 0.05 is 4, not 5. Step 3 is also incorrect: it invents a rounding rule, and rounding 13 down would not give 12 anyway. The two errors cancel.',
          { steps: { s1: 'correct', s2: 'incorrect', s3: 'incorrect' }, firstWrong: 's2' },
        ),
        'cot-answer': gold('15% of 80 is 12, so the final answer is correct despite the steps.', true),
      },
      rationale:
        'The final answer and the reasoning are graded separately: a correct answer does not make the steps correct.',
      difficulty: 'hard',
      sectionId: 'sec-first-wrong',
      status: 'ready',
      role: 'calibration',
    },
  ],
}
