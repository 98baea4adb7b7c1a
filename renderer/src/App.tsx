import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Home } from './screens/Home.js';

export function App(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
        <LanguageSwitch />
      </header>
      <main>
        <Home />
      </main>
    </div>
  );
}
