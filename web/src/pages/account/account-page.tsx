import { Alert, Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import { isApiError } from '../../api/client';
import { useMe } from '../../app/session';
import { checkConfirmation, checkNewPassword, checkRequired, minPasswordLength } from '../../app/validation';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}
type Field = keyof Values;
type Errors = Partial<Record<Field, string>>;

const empty: Values = { currentPassword: '', newPassword: '', confirmation: '' };
const fieldIds: Record<Field, string> = {
  currentPassword: 'account-current-password',
  newPassword: 'account-new-password',
  confirmation: 'account-confirm-password',
};

function validate(values: Values): Errors {
  return {
    currentPassword: checkRequired(values.currentPassword),
    newPassword: checkNewPassword(values.newPassword),
    confirmation: checkConfirmation(values.confirmation, values.newPassword),
  };
}

function firstError(errors: Errors): Field | undefined {
  return (Object.keys(fieldIds) as Field[]).find((field) => errors[field]);
}

// Mantine's PasswordInput links its error message (aria-describedby) but does not set aria-invalid,
// so each field passes it explicitly.
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [values, setValues] = useState<Values>(empty);
  const [submitted, setSubmitted] = useState(false);
  // Messages the server attached to fields; cleared when the user edits that field.
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const change = useMutation({ mutationFn: api.changePassword });

  const clientErrors = submitted ? validate(values) : {};
  const errorOf = (field: Field) => {
    const key = clientErrors[field];
    return key ? t(key, { min: minPasswordLength }) : serverErrors[field];
  };

  const update = (field: Field) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
    if (change.isSuccess) change.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = firstError(validate(values));
    if (found) {
      document.getElementById(fieldIds[found])?.focus();
      return;
    }
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(empty);
          setSubmitted(false);
          setServerErrors({});
        },
        onError: (error) => {
          if (isApiError(error) && error.fields) {
            // The server's field messages are short English fragments: the only reason it flags
            // the current password is that it is wrong, which we can say in the user's language.
            const { currentPassword, newPassword } = error.fields;
            const mapped: Errors = {
              currentPassword: currentPassword ? t('account.wrongCurrentPassword') : undefined,
              newPassword: newPassword ? t('validation.server', { message: newPassword }) : undefined,
            };
            setServerErrors(mapped);
            const field = firstError(mapped);
            if (field) document.getElementById(fieldIds[field])?.focus();
          }
        },
      },
    );
  };

  // A server error not attached to one of the form's fields is shown above the form.
  const serverFields = isApiError(change.error) ? change.error.fields : undefined;
  const isFieldError = Boolean(serverFields?.currentPassword || serverFields?.newPassword);
  const formError = change.isError && !isFieldError ? errorMessage(t, change.error) : null;

  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.signedInAs', { email: me.email })} />
      <Paper withBorder p="lg" maw={480} component="section" aria-labelledby="password-heading">
        <Text id="password-heading" component="h2" fw={700} fz="lg" mt={0} mb="md">
          {t('account.changePassword')}
        </Text>
        <form noValidate onSubmit={onSubmit}>
          {/* Lets password managers know which account the new password belongs to. */}
          <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
          <Stack>
            {change.isSuccess ? (
              <Alert color="teal" variant="light" role="status" data-testid="password-changed">
                {t('account.changed')}
              </Alert>
            ) : null}
            {formError ? (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            ) : null}
            <PasswordInput
              id={fieldIds.currentPassword}
              label={t('account.currentPassword')}
              autoComplete="current-password"
              required
              value={values.currentPassword}
              onChange={update('currentPassword')}
              error={errorOf('currentPassword')}
              aria-invalid={Boolean(errorOf('currentPassword'))}
            />
            <PasswordInput
              id={fieldIds.newPassword}
              label={t('account.newPassword')}
              description={t('account.newPasswordHint', { min: minPasswordLength })}
              autoComplete="new-password"
              required
              value={values.newPassword}
              onChange={update('newPassword')}
              error={errorOf('newPassword')}
              aria-invalid={Boolean(errorOf('newPassword'))}
            />
            <PasswordInput
              id={fieldIds.confirmation}
              label={t('account.confirmPassword')}
              autoComplete="new-password"
              required
              value={values.confirmation}
              onChange={update('confirmation')}
              error={errorOf('confirmation')}
              aria-invalid={Boolean(errorOf('confirmation'))}
            />
            <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('account.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
