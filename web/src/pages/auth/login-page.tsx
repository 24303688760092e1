import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { checkEmail, checkRequired } from '../../app/validation';
import { useLogin, useSession } from '../../app/session';
import { errorMessage } from '../../components/error-message';
import { FullPageLoader } from '../../components/full-page-loader';
import { LanguageSwitch } from '../../components/language-switch';

interface Values {
  email: string;
  password: string;
}

function validate(values: Values): Partial<Record<keyof Values, string>> {
  return { email: checkEmail(values.email), password: checkRequired(values.password) };
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({ email: '', password: '' });
  const [submitted, setSubmitted] = useState(false);
  const erased = useSearchParams()[0].get('erased') === '1';

  useEffect(() => {
    document.title = `${t('login.title')} · guichet`;
  }, [t]);

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to="/" replace />;

  // Messages appear once the user has tried to submit, then follow each keystroke.
  const errors = submitted ? validate(values) : {};

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validate(values);
    if (found.email || found.password) {
      const firstInvalid = found.email ? 'login-email' : 'login-password';
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    login.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <Box component="main" mih="100vh" bg="gray.0" px="md" py="xl">
      <Group justify="flex-end" maw={420} mx="auto" mb="md">
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {t('login.title')}
            </Title>
            <Text c="dimmed">{t('login.subtitle')}</Text>
          </Stack>
          {erased ? (
            <Alert color="green" variant="light" role="status" mb="md" data-testid="erased-notice">
              {t('myData.erased')}
            </Alert>
          ) : null}
          <form noValidate onSubmit={onSubmit} aria-describedby={login.isError ? 'login-error' : undefined}>
            <Stack>
              {login.isError ? (
                <Alert id="login-error" color="red" variant="light" role="alert" data-testid="login-error">
                  {errorMessage(t, login.error)}
                </Alert>
              ) : null}
              <TextInput
                id="login-email"
                label={t('login.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={values.email}
                onChange={(event) => {
                  const email = event.currentTarget.value;
                  setValues((current) => ({ ...current, email }));
                }}
                error={errors.email ? t(errors.email) : undefined}
              />
              <PasswordInput
                id="login-password"
                label={t('login.password')}
                autoComplete="current-password"
                required
                value={values.password}
                onChange={(event) => {
                  const password = event.currentTarget.value;
                  setValues((current) => ({ ...current, password }));
                }}
                error={errors.password ? t(errors.password) : undefined}
                aria-invalid={Boolean(errors.password)} // PasswordInput does not set it itself
                visibilityToggleButtonProps={{
                  'aria-label': t('login.togglePassword'),
                }}
              />
              <Button type="submit" loading={login.isPending} fullWidth mt="sm">
                {t('login.submit')}
              </Button>
              <Text size="sm" ta="center">
                {t('register.noAccount')}{' '}
                <Anchor component={Link} to="/register" data-testid="register-link">
                  {t('register.link')}
                </Anchor>
              </Text>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
