/**
 * i18next set-up. French is the default; the user's choice is kept in localStorage and mirrored on
 * `<html lang>` so screen readers and the browser pick the right language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'guichet.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'en' || value === 'fr' ? value : 'fr';
  } catch {
    return 'fr';
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode: the choice lasts for the page only.
  }
  void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.resolvedLanguage === 'en' ? 'en' : 'fr';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'fr',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes.
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
