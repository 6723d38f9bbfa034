import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zh } from './zh.js';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'astron.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the browser's first language we speak, else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage blocked (private mode, sandboxed frame): fall through to the browser's languages.
  }
  const preferred =
    typeof navigator === 'undefined'
      ? []
      : navigator.languages.length > 0
        ? navigator.languages
        : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  await i18next.changeLanguage(language);
}

function applyToDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'zh' ? 'zh-CN' : language;
}

export function initI18n(language: Language = initialLanguage()) {
  if (!i18next.isInitialized) {
    i18next.on('languageChanged', applyToDocument);
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: en }, zh: { translation: zh } },
      lng: language,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    applyToDocument(language);
  }
  return i18next;
}
