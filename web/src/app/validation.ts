/** Client-side checks of the forms; each returns an i18n key of the message, or undefined if valid. */

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const minPasswordLength = 10;

export function checkEmail(value: string): string | undefined {
  if (!value.trim()) return 'validation.required';
  if (!emailPattern.test(value.trim())) return 'validation.email';
  return undefined;
}

export function checkRequired(value: string): string | undefined {
  return value ? undefined : 'validation.required';
}

export function checkNewPassword(value: string): string | undefined {
  if (!value) return 'validation.required';
  if (value.length < minPasswordLength) return 'validation.passwordLength';
  return undefined;
}

export function checkConfirmation(value: string, password: string): string | undefined {
  if (!value) return 'validation.required';
  if (value !== password) return 'validation.passwordMismatch';
  return undefined;
}
