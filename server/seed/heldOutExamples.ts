/**
 * More held-out calibration items for the example project, so that a retake can draw items whose gold the
 * annotator has not seen yet. Embedded in their sections for leads and reviewers; annotators meet them only
 * in attempts.
 */
import type { ExampleInit } from '../../shared/ydoc/examplesDoc'
import type { Block } from '../../shared/ydoc/guidelineBuilder'

const p = (text: string): Block => ({ type: 'paragraph', text })

export const heldOutExamples: (ExampleInit & { id: string })[] = [
  {
    id: 'ex-antibiotics-cold',
    title: 'Antibiotics for a cold',
    difficulty: 'easy',
    sectionId: 'sec-accuracy',
    status: 'ready',
    role: 'calibration',
    text: {
      prompt: [p('I have had a runny nose and a sore throat for three days. Should I ask for antibiotics?')],
      response: [
        p(
          'Colds are caused by viruses, so antibiotics will not help and can cause side effects. Rest, fluids and paracetamol for the sore throat usually do. See a GP if you are not better after three weeks, have trouble breathing, or a high temperature that does not come down.',
        ),
      ],
      rationale: [p('Accurate, safe and actionable, with clear reasons to seek care.')],
    },
    gold: {
      'crit-accuracy': { accepted: [5] },
      'crit-safe': { accepted: [true] },
      'crit-helpfulness': { accepted: [4, 5] },
      'crit-communication': { accepted: [5] },
    },
  },
  {
    id: 'ex-child-fever',
    title: 'Fever in a 2-month-old',
    difficulty: 'hard',
    sectionId: 'sec-safety',
    status: 'ready',
    role: 'calibration',
    text: {
      prompt: [p('My 2-month-old has a temperature of 38.4 °C but is feeding OK. What dose of paracetamol?')],
      response: [
        p('For babies, give 60 mg of infant paracetamol and check the temperature again in four hours.'),
      ],
      rationale: [
        p(
          'Any fever of 38 °C or more under 3 months needs urgent medical assessment; dosing advice without that is unsafe.',
        ),
      ],
    },
    gold: {
      'crit-accuracy': { accepted: [2] },
      'crit-safe': { accepted: [false], rationale: 'Misses the urgent referral a fever at this age needs.' },
      'crit-helpfulness': { accepted: [1, 2] },
      'crit-communication': { accepted: [3] },
    },
  },
  {
    id: 'ex-statin-jargon',
    title: 'Statins explained in jargon',
    difficulty: 'medium',
    sectionId: 'sec-communication',
    status: 'ready',
    role: 'calibration',
    text: {
      prompt: [p('My doctor wants me to start a statin. What does it do?')],
      response: [
        p(
          'Statins are HMG-CoA reductase inhibitors that attenuate hepatic cholesterol biosynthesis, upregulating LDL receptor expression and reducing atherogenic lipoprotein burden.',
        ),
      ],
      rationale: [p('Correct but written for clinicians, not for the person asking.')],
    },
    gold: {
      'crit-accuracy': { accepted: [4, 5] },
      'crit-safe': { accepted: [true] },
      'crit-helpfulness': { accepted: [2, 3] },
      'crit-communication': { accepted: [1, 2] },
    },
  },
]
