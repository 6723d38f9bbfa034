import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, setLanguage } from '../i18n/index.js';
import { cn } from '../lib/cn.js';

/** Switches the console's language; the choice is kept in this browser. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <label
      className={cn(
        'relative flex items-center gap-1.5 rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100',
        className,
      )}
    >
      <Languages className="size-4" aria-hidden />
      <span className="sr-only">{t('common.language')}</span>
      <select
        data-testid="language-switch"
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void setLanguage(event.target.value);
        }}
        className="h-8 cursor-pointer appearance-none bg-transparent pr-1 text-sm focus:outline-none"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
