import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Number and date formatting in the interface language (fr-FR groups thousands with a narrow space). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'fr-FR';
  return useMemo(() => {
    const numberFormat = new Intl.NumberFormat(locale);
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return {
      number: (value: number) => numberFormat.format(value),
      areaM2: (value: number) => `${numberFormat.format(value)} m²`,
      date: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
    };
  }, [locale]);
}
