import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../core/api/contract.js';
import type { Key } from './i18n/keys.js';
import { useTransport } from './transport/context.js';
import { useErrorText } from './useErrorText.js';

const LANGUAGE_LABEL: Readonly<Record<Language, Key>> = { 'zh-CN': 'language.zh-CN', en: 'language.en' };

/** Switches the UI language and stores the choice on the terminal, so it survives a restart. */
export function LanguageSwitch(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);

  async function choose(language: Language): Promise<void> {
    const result = await transport.invoke('settings.setLanguage', { language });
    if (!result.ok) {
      setError(errorText(result.error));
      return;
    }
    setError(null);
    await i18n.changeLanguage(language);
  }

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          data-testid={`lang-${lng}`}
          onClick={() => void choose(lng)}
        >
          {t(LANGUAGE_LABEL[lng])}
        </button>
      ))}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
