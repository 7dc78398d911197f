/** Template: comparing two responses to the same prompt, with the strength of the preference. */
import { b, doc, example, h, i, p, quote, ul } from './guidelineJson'
import { ALL_ITEMS, base, gold } from './rubricParts'
import type { TemplateJson } from './templateSchema'

export const pairwisePreferenceTemplate: TemplateJson = {
  id: 'pairwise-preference',
  name: 'Pairwise preference with strength',
  summary: 'Choose the better of two responses and say by how much; flag factual errors in each response.',
  guideline: doc(
    h(1, 'Comparing two responses', 'sec-intro'),
    p(
      'You will see one prompt and two responses, A and B. First check each response for factual errors, then ',
      'decide which one the user would be better served by, and how strongly. The order of A and B is random; ',
      'do not read anything into it.',
    ),
    h(2, '1. Factual errors decide first', 'sec-errors'),
    p(
      'A response with a factual error the user would act on loses to a correct one, however well it is written. ',
      'Errors in asides count too: ',
      i('a wrong fact in a paragraph the user did not need is still wrong'),
      '.',
    ),
    example('pp-egg'),
    example('pp-percent'),
    h(2, '2. Strength', 'sec-strength'),
    ul(
      [
        b('Much better'),
        ': one response fails the user (wrong, unsafe, or does not answer); the other does not.',
      ],
      [b('Clearly better'), ': both answer, but one has a real flaw the other avoids.'],
      [
        b('Slightly better'),
        ': both are good; one is easier to use (ordering, a useful extra, less padding).',
      ],
      [b('Negligibly better / tie'), ': you would be happy to receive either.'],
    ),
    quote(
      i('Gray area: '),
      '“negligibly better” and “tie” are the same judgement in practice; gold accepts both when the responses ',
      'are equally useful. Do not let length decide: longer is better only when the extra words help.',
    ),
    example('pp-sleep'),
  ),
  rubric: {
    title: 'Pairwise preference',
    instructions:
      'Mark whether each response contains a factual error, then choose the better response and the strength of your preference.',
    passThreshold: 0.7,
    attempt: ALL_ITEMS,
    criteria: [
      {
        ...base(
          'pp-error',
          'Contains a factual error',
          'Yes when the response states something false that the user could rely on, including in asides.',
          ['axis:accuracy'],
        ),
        kind: 'binary',
      },
      {
        ...base(
          'pp-preference',
          'Preference',
          'Which response serves the user better, and by how much (see “Strength”).',
          ['axis:overall'],
        ),
        kind: 'pairwise',
        allowTie: true,
        strengthRequired: true,
        weight: 2,
        rationaleRequired: true,
      },
    ],
    taskTypes: [
      {
        id: 'tt-compare',
        name: 'Compare two responses',
        contentKind: 'pairwise',
        criterionIds: ['pp-error', 'pp-preference'],
      },
    ],
  },
  examples: [
    {
      id: 'pp-egg',
      title: 'Runny-yolk egg timing',
      taskTypeId: 'tt-compare',
      content: {
        kind: 'pairwise',
        prompt: 'How long should I boil an egg if I want the yolk runny?',
        responseA:
          'For a large egg lowered into already boiling water, about 6 minutes gives a set white and a runny yolk. Move it to cold water straight away so it stops cooking.',
        responseB:
          'Boil it for 12 minutes for a soft, runny yolk. Start the egg in cold water and time from when it starts to boil.',
      },
      gold: {
        'pp-error@A': gold(
          'Six minutes from boiling is the usual time for a runny yolk in a large egg.',
          false,
        ),
        'pp-error@B': gold(
          'Twelve minutes gives a fully hard-boiled egg, the opposite of what was asked.',
          true,
        ),
        'pp-preference': gold(
          'B’s timing produces a hard yolk, so following it fails the user; A is correct and adds the useful cold-water step.',
          { choice: 'A', strength: 'strong' },
        ),
      },
      rationale:
        'A factual error that defeats the request makes the other response much better, even though both read equally well.',
      difficulty: 'easy',
      sectionId: 'sec-errors',
      status: 'ready',
      role: 'teaching',
    },
    {
      id: 'pp-percent',
      title: 'Percentages with a history lesson',
      taskTypeId: 'tt-compare',
      content: {
        kind: 'pairwise',
        prompt: 'Convert 3/8 to a percentage.',
        responseA: '3/8 = 0.375, so it is 37.5%.',
        responseB:
          'To convert a fraction to a percentage, divide and multiply by 100: 3 ÷ 8 = 0.375, and 0.375 × 100 = 37.5%.\n\nFun fact: the percent sign was invented by Isaac Newton in 1687 in the Principia.',
      },
      gold: {
        'pp-error@A': gold('0.375 and 37.5% are both correct.', false),
        'pp-error@B': gold(
          'The conversion is right, but the percent sign was not invented by Newton; it evolved from an Italian abbreviation of “per cento” over centuries. The error is in an aside, which still counts.',
          true,
        ),
        'pp-preference': gold(
          'B shows the method, which some users want, but adds a false “fun fact”; A is correct and complete for what was asked.',
          { choice: 'A', strength: 'clear' },
        ),
      },
      rationale:
        'Without the aside this would be close to a tie; the false claim about Newton is a real flaw that A avoids, so A is clearly (not much) better: both answer the question correctly.',
      difficulty: 'medium',
      sectionId: 'sec-errors',
      status: 'ready',
      role: 'calibration',
    },
    {
      id: 'pp-sleep',
      title: 'Two good lists of sleep tips',
      taskTypeId: 'tt-compare',
      content: {
        kind: 'pairwise',
        prompt: 'Give me three tips to fall asleep faster.',
        responseA:
          '1. Go to bed and get up at the same time every day. 2. Put screens away for the last hour before bed. 3. Keep the bedroom cool, dark and quiet.',
        responseB:
          'Keep a regular sleep schedule, even at weekends. Avoid screens in the hour before bed, since bright light delays sleepiness. Make your bedroom cool and dark.',
      },
      gold: {
        'pp-error@A': gold('All three tips are standard sleep-hygiene advice.', false),
        'pp-error@B': gold('All three tips are standard; the reason given for screens is sound.', false),
        'pp-preference': gold(
          'Same three tips; A is numbered, B gives one short reason. Either serves the user equally well.',
          { choice: 'tie' },
          { choice: 'A', strength: 'negligible' },
          { choice: 'B', strength: 'negligible' },
        ),
      },
      rationale:
        'When two responses give the same correct advice, formatting preferences are not a reason to pick a side: tie or negligibly better either way agree with gold.',
      difficulty: 'medium',
      sectionId: 'sec-strength',
      status: 'ready',
      role: 'calibration',
    },
  ],
}
