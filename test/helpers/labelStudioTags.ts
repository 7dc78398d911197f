/**
 * The Label Studio 1.x labeling-config tags our exports may use: each tag's role, required and allowed
 * attributes, allowed children, and the result type and value shape its annotations use. Derived by hand from
 * the tag reference of HumanSignal/label-studio (Apache-2.0), `docs/source/tags/*.md` (view, header, text,
 * paragraphs, image, audio, video, choices, choice, labels, label, paragraphlabels, rating, number, pairwise,
 * textarea), as on the project's `develop` branch in 2025 (Label Studio 1.x). Only what our exports need is
 * listed: a tag missing here is a tag our exports must not emit.
 */

export type TagRole = 'layout' | 'object' | 'control' | 'option'

export interface TagSpec {
  role: TagRole
  required: readonly string[]
  allowed: readonly string[]
  /** Tags allowed as children (empty: none). */
  children: readonly string[]
  /** For controls: the result item `type` and a check of its `value`. */
  result?: { type: string; value: (value: Record<string, unknown>) => string | null }
}

const VISIBILITY = ['visibleWhen', 'whenTagName', 'whenLabelValue', 'whenChoiceValue'] as const
const CONTROL = ['name', 'toName', 'required', 'requiredMessage', 'perRegion', 'hotkey'] as const
const LAYOUT_CHILDREN = [
  'View',
  'Header',
  'Text',
  'Paragraphs',
  'Image',
  'Audio',
  'Video',
  'Choices',
  'Labels',
  'ParagraphLabels',
  'Rating',
  'Number',
  'Pairwise',
  'TextArea',
] as const

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

export const LABEL_STUDIO_TAGS: Record<string, TagSpec> = {
  View: {
    role: 'layout',
    required: [],
    allowed: ['style', 'className', 'idAttr', ...VISIBILITY],
    children: LAYOUT_CHILDREN,
  },
  Header: {
    role: 'layout',
    required: ['value'],
    allowed: ['value', 'size', 'style', 'underline'],
    children: [],
  },
  Text: {
    role: 'object',
    required: ['name', 'value'],
    allowed: [
      'name',
      'value',
      'valueType',
      'saveTextResult',
      'selectionEnabled',
      'highlightColor',
      'granularity',
      'showLabels',
      'encoding',
    ],
    children: [],
  },
  Paragraphs: {
    role: 'object',
    required: ['name', 'value'],
    allowed: [
      'name',
      'value',
      'valueType',
      'audioUrl',
      'sync',
      'showPlayer',
      'saveTextResult',
      'layout',
      'nameKey',
      'textKey',
    ],
    children: [],
  },
  Image: {
    role: 'object',
    required: ['name', 'value'],
    allowed: [
      'name',
      'value',
      'valueType',
      'width',
      'maxWidth',
      'height',
      'maxHeight',
      'zoom',
      'zoomControl',
      'crossOrigin',
    ],
    children: [],
  },
  Audio: {
    role: 'object',
    required: ['name', 'value'],
    allowed: ['name', 'value', 'hotkey', 'sync', 'height', 'defaultSpeed', 'defaultVolume', 'defaultZoom'],
    children: [],
  },
  Video: {
    role: 'object',
    required: ['name', 'value'],
    allowed: ['name', 'value', 'frameRate', 'sync', 'height', 'muted', 'timelineHeight'],
    children: [],
  },
  Choices: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: [...CONTROL, 'choice', 'showInline', 'value', 'allowNested', ...VISIBILITY],
    children: ['Choice'],
    result: {
      type: 'choices',
      value: (v) =>
        isStringArray(v.choices) && v.choices.length > 0 ? null : 'choices must be a non-empty string[]',
    },
  },
  Choice: {
    role: 'option',
    required: ['value'],
    allowed: ['value', 'selected', 'alias', 'style', 'hotkey', 'html', 'hint', 'color'],
    children: [],
  },
  Labels: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: [
      ...CONTROL,
      'choice',
      'maxUsages',
      'showInline',
      'opacity',
      'fillColor',
      'strokeColor',
      'strokeWidth',
      'value',
    ],
    children: ['Label'],
    result: {
      type: 'labels',
      value: (v) =>
        isInt(v.start) &&
        isInt(v.end) &&
        v.start <= v.end &&
        typeof v.text === 'string' &&
        isStringArray(v.labels)
          ? null
          : 'labels needs integer start <= end, text and labels: string[]',
    },
  },
  ParagraphLabels: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: [...CONTROL, 'choice', 'maxUsages', 'showInline'],
    children: ['Label'],
    result: {
      type: 'paragraphlabels',
      value: (v) =>
        isInt(v.start) &&
        isInt(v.end) &&
        isInt(v.startOffset) &&
        isInt(v.endOffset) &&
        v.start <= v.end &&
        isStringArray(v.paragraphlabels)
          ? null
          : 'paragraphlabels needs integer start, end, startOffset, endOffset and paragraphlabels: string[]',
    },
  },
  Label: {
    role: 'option',
    required: ['value'],
    allowed: [
      'value',
      'selected',
      'maxUsages',
      'hint',
      'hotkey',
      'alias',
      'showAlias',
      'aliasStyle',
      'size',
      'background',
      'selectedColor',
      'granularity',
      'html',
    ],
    children: [],
  },
  Rating: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: [...CONTROL, 'maxRating', 'defaultValue', 'size', 'icon', 'perItem'],
    children: [],
    result: {
      type: 'rating',
      value: (v) => (isInt(v.rating) && v.rating >= 1 ? null : 'rating must be an integer >= 1'),
    },
  },
  Number: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: [...CONTROL, 'min', 'max', 'step', 'defaultValue', 'slider'],
    children: [],
    result: {
      type: 'number',
      value: (v) => (typeof v.number === 'number' ? null : 'number must be a number'),
    },
  },
  Pairwise: {
    role: 'control',
    required: ['name', 'toName'],
    allowed: ['name', 'toName', 'selectionStyle', 'leftClass', 'rightClass'],
    children: [],
    result: {
      type: 'pairwise',
      value: (v) =>
        v.selected === 'left' || v.selected === 'right' ? null : 'selected must be left or right',
    },
  },
  TextArea: {
    role: 'control',
    required: ['name'],
    allowed: [
      ...CONTROL,
      'value',
      'label',
      'placeholder',
      'maxSubmissions',
      'editable',
      'transcription',
      'rows',
      'showSubmitButton',
    ],
    children: [],
    result: { type: 'textarea', value: (v) => (isStringArray(v.text) ? null : 'text must be a string[]') },
  },
}
