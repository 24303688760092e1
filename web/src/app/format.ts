import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Number and date formatting in the interface language (fr-FR groups thousands with a narrow space). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'fr-FR';
  return useMemo(() => {
    const numberFormat = new Intl.NumberFormat(locale);
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const decimalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      number: (value: number) => numberFormat.format(value),
      /** One decimal at most: FTE, seconds, Erlangs. */
      decimal: (value: number) => decimalFormat.format(value),
      /** A 0–1 fraction as a percentage: 0.853 → "85,3 %". */
      percent: (value: number) => percentFormat.format(value),
      areaM2: (value: number) => `${numberFormat.format(value)} m²`,
      dateTime: (iso: string) => dateTimeFormat.format(new Date(iso)),
      date: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
      },
    };
  }, [locale]);
}
