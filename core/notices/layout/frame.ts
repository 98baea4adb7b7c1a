import { translator, type Translate } from '../i18n.js';
import type { NoticeLanguage, NoticeLayout } from '../types.js';

/** What every building block of a notice asks: the layout, the language and its wording. */
export interface Frame {
  layout: NoticeLayout;
  language: NoticeLanguage;
  t: Translate;
  receipt: boolean;
  zh: boolean;
  /** Tighter spacing, tried when the normal layout would leave the closing group alone on a page. */
  compact: boolean;
}

export function frameOf(layout: NoticeLayout, language: NoticeLanguage, compact = false): Frame {
  return { layout, language, t: translator(language), receipt: layout === 'receipt', zh: language === 'zh-CN', compact };
}
