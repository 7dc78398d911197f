/** Template: rating generated images against their prompt — adherence, anatomy and artifacts, rendered text. */
import { b, doc, example, h, i, p, quote, ul } from './guidelineJson'
import { IMAGE_GENERATION_MEDIA as MEDIA } from './imageGenerationMedia'
import { ALL_ITEMS, base, gold, levels } from './rubricParts'
import type { TemplateJson } from './templateSchema'

const TASK = 'tt-rate-image'

export const imageGenerationTemplate: TemplateJson = {
  id: 'image-generation',
  name: 'Image generation evaluation',
  summary:
    'Rate a generated image against its prompt: adherence, anatomy and artifacts, and any text it had to render.',
  guideline: doc(
    h(1, 'Rating generated images', 'sec-intro'),
    p(
      'You will see a prompt and the image a model generated from it. Look at the whole image first, then ',
      'zoom in: hands, faces, edges and lettering are where generators fail. Judge the image, not the prompt: ',
      'a dull prompt followed faithfully is a good result.',
    ),
    h(2, '1. Prompt adherence', 'sec-adherence'),
    p(
      'List what the prompt asks for — subjects, counts, colours, setting, style — and check each one. ',
      b('Follows the prompt'),
      ' means every element is there; ',
      b('partly'),
      ' means the main subject is right but something named is missing or wrong; ',
      b('misses'),
      ' means the main subject is absent or wrong.',
    ),
    example('ig-ball'),
    h(2, '2. Anatomy and artifacts', 'sec-anatomy'),
    p(
      'Count fingers, limbs and eyes; look for merged objects, melted edges and repeated patches. Any error a ',
      'viewer would notice at normal size fails this criterion, however good the rest is. Answer ',
      i('N/A'),
      ' only when the image shows no people or animals and no artifacts.',
    ),
    example('ig-hand'),
    h(2, '3. Text rendering', 'sec-text'),
    p(
      'When the prompt asks for text, it must be spelled exactly as asked (letter case aside) and readable. ',
      'Swapped, missing or invented letters are errors even when the word is still recognisable.',
    ),
    quote(
      i('Gray area: '),
      'text the prompt did not ask for (a logo on a mug, a street sign in the background) is judged only when it ',
      'is garbled enough to draw the eye; then it counts as an artifact, not as text rendering.',
    ),
    example('ig-sign'),
    ul(
      [b('Correct'), ': every asked-for word is spelled right and legible.'],
      [b('Misspelled or garbled'), ': any asked-for word is wrong, or the letters are unreadable.'],
      [b('No text asked'), ': the prompt asks for no text.'],
    ),
  ),
  rubric: {
    title: 'Generated image rating',
    instructions:
      'Rate how closely the image follows its prompt, whether it has anatomy errors or artifacts, and whether any requested text is rendered correctly.',
    passThreshold: 0.7,
    attempt: ALL_ITEMS,
    criteria: [
      {
        ...base(
          'ig-adherence',
          'Prompt adherence',
          'How many of the elements the prompt names (subject, count, colour, setting, style) the image shows.',
          ['axis:adherence'],
        ),
        kind: 'ordinal',
        levels: levels(
          ['Misses', 'Partly', 'Follows'],
          [
            'The main subject is missing or wrong.',
            'The main subject is right, but a named element is missing or wrong.',
            'Every element the prompt names is there.',
          ],
        ),
        tolerance: 0,
        weight: 2,
      },
      {
        ...base(
          'ig-anatomy',
          'Free of anatomy errors and artifacts',
          'Yes when no body part is wrong (fingers, limbs, eyes) and nothing is merged, melted or repeated.',
          ['axis:quality'],
        ),
        kind: 'binary',
        allowNA: true,
        rationaleRequired: true,
      },
      {
        ...base(
          'ig-text',
          'Text rendering',
          'Whether text the prompt asks for is spelled exactly and legible.',
          ['axis:text'],
        ),
        kind: 'label',
        labels: [
          { value: 'correct', description: 'Every requested word is spelled right and legible.' },
          { value: 'misspelled', description: 'A requested word is misspelled, garbled or unreadable.' },
          { value: 'no text asked', description: 'The prompt asks for no text.' },
        ],
        passingLabels: ['correct', 'no text asked'],
      },
    ],
    taskTypes: [
      {
        id: TASK,
        name: 'Rate a generated image',
        contentKind: 'media',
        criterionIds: ['ig-adherence', 'ig-anatomy', 'ig-text'],
      },
    ],
  },
  examples: [
    {
      id: 'ig-ball',
      title: 'A red ball on a lawn',
      taskTypeId: TASK,
      content: {
        kind: 'media',
        prompt: 'A red ball on a green lawn under a clear blue sky.',
        media: [
          {
            id: 'ig-ball-1',
            ...MEDIA['red-ball'],
            alt: 'A shiny red ball resting on a green lawn, blue sky behind it.',
          },
        ],
      },
      gold: {
        'ig-adherence': gold('Red ball, green lawn, clear blue sky: every named element is there.', 2),
        'ig-anatomy': gold(
          'No people or animals, and the ball, its shadow and the horizon are clean.',
          { na: true },
          true,
        ),
        'ig-text': gold('The prompt asks for no text.', 'no text asked'),
      },
      rationale:
        'A simple image that does exactly what was asked is a full pass, even though it is plain: style was not requested.',
      difficulty: 'easy',
      sectionId: 'sec-adherence',
      status: 'ready',
      role: 'teaching',
    },
    {
      id: 'ig-hand',
      title: 'A waving hand with six fingers',
      taskTypeId: TASK,
      content: {
        kind: 'media',
        prompt: 'A hand waving hello against a blue sky.',
        media: [
          {
            id: 'ig-hand-1',
            ...MEDIA['six-fingers'],
            alt: 'An open hand raised against a blue sky; it has six fingers and a thumb.',
          },
        ],
      },
      gold: {
        'ig-adherence': gold('A raised open hand against a blue sky is what the prompt asks for.', 2),
        'ig-anatomy': gold('Count them: six fingers plus a thumb. A viewer notices at normal size.', false),
        'ig-text': gold('The prompt asks for no text.', 'no text asked'),
      },
      rationale:
        'The image follows the prompt, but an extra finger is an anatomy error that fails the image on its own.',
      difficulty: 'medium',
      sectionId: 'sec-anatomy',
      status: 'ready',
      role: 'calibration',
    },
    {
      id: 'ig-sign',
      title: 'A shop sign that should say OPEN',
      taskTypeId: TASK,
      content: {
        kind: 'media',
        prompt: 'A small brick shop front with a white sign above the door that says "OPEN".',
        media: [
          {
            id: 'ig-sign-1',
            ...MEDIA['misspelled-sign'],
            alt: 'A brick shop front with a white sign above the door reading "OPNE".',
          },
        ],
      },
      gold: {
        'ig-adherence': gold(
          'Brick shop front, white sign above the door: the elements are there (the spelling is judged under text).',
          2,
          1,
        ),
        'ig-anatomy': gold('No people or animals, and no artifacts in the scene.', { na: true }, true),
        'ig-text': gold('The sign reads “OPNE”: two letters are swapped.', 'misspelled'),
      },
      rationale:
        'The scene is right but the one word the prompt asked for is misspelled, which fails text rendering. Some reviewers also mark adherence down for it; both are accepted.',
      difficulty: 'medium',
      sectionId: 'sec-text',
      status: 'ready',
      role: 'calibration',
    },
  ],
}
