import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/** A user-facing message for an error: a translation of the API error code when we have one. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    return t(`errors.${error.code}`, { defaultValue: error.message || t('errors.unknown') });
  }
  return t('errors.unknown');
}
