import type { TFunction } from 'i18next';
import { en } from '../../i18n/en.js';

type NodeTypeKey = keyof typeof en.workflows.nodeTypes;
type FieldKey = keyof typeof en.workflows.fields;
type CategoryKey = keyof typeof en.workflows.categories;

/** A node type's name in the console's language; the type itself for one the console does not know. */
export const nodeTitle = (t: TFunction, type: string): string =>
  type in en.workflows.nodeTypes ? t(`workflows.nodeTypes.${type as NodeTypeKey}`) : type;

/** A nodeParam field's label; the field's own name when there is no translation for it. */
export const fieldLabel = (t: TFunction, key: string): string =>
  key in en.workflows.fields ? t(`workflows.fields.${key as FieldKey}`) : key;

export const categoryLabel = (t: TFunction, category: string): string =>
  category in en.workflows.categories ? t(`workflows.categories.${category as CategoryKey}`) : category;

/** An if-else case's handle says if / elif / else in the console's language; other branches have their own names. */
export const branchLabel = (t: TFunction, label: string): string =>
  label === 'if' || label === 'elif' || label === 'else' ? t(`workflows.canvas.case.${label}`) : label;
