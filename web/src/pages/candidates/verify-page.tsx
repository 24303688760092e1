import { Alert, Anchor, Box, Button, Center, Group, Loader, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/guichet';
import { checkConfirmation, checkNewPassword, minPasswordLength } from '../../app/validation';
import { errorMessage } from '../../components/error-message';
import { LanguageSwitch } from '../../components/language-switch';

/**
 * The link of the verification email (/verify?token=…), or of an invitation (/verify?invite=1&token=…)
 * where the candidate chooses a password first.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invitation = params.get('invite') === '1';
  const verify = useMutation({ mutationFn: api.verify });
  const started = useRef(false);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    document.title = `${t('verify.title')} · guichet`;
  }, [t]);
  // An email verification needs no input: it runs once on arrival.
  useEffect(() => {
    if (invitation || !token || started.current) return;
    started.current = true;
    verify.mutate({ token });
  }, [invitation, token, verify]);

  const passwordError = submitted ? checkNewPassword(password) : undefined;
  const confirmError = submitted ? checkConfirmation(confirm, password) : undefined;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (checkNewPassword(password) || checkConfirmation(confirm, password)) return;
    verify.mutate({ token, password });
  };

  return (
    <Box component="main" mih="100vh" bg="gray.0" px="md" py="xl">
      <Group justify="flex-end" maw={480} mx="auto" mb="md">
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={480}>
          <Title order={1} size="h2" mb="md">
            {invitation ? t('verify.inviteTitle') : t('verify.title')}
          </Title>
          {!token ? (
            <Alert color="red" variant="light" role="alert">
              {t('verify.missingToken')}
            </Alert>
          ) : verify.isSuccess ? (
            <Stack data-testid="verify-done">
              <Alert color="green" variant="light" role="status">
                {t('verify.success', { email: verify.data.email })}
              </Alert>
              <Button component={Link} to="/login">
                {t('verify.toLogin')}
              </Button>
            </Stack>
          ) : verify.isError ? (
            <Stack>
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, verify.error)} {t('verify.failed')}
              </Alert>
              <Anchor component={Link} to="/login">
                {t('verify.toLogin')}
              </Anchor>
            </Stack>
          ) : invitation ? (
            <form noValidate onSubmit={onSubmit}>
              <Stack>
                <Text c="dimmed">{t('verify.inviteText')}</Text>
                <PasswordInput id="verify-password" label={t('register.password')} description={t('register.passwordHint', { min: minPasswordLength })} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={passwordError ? t(passwordError, { min: minPasswordLength }) : undefined} />
                <PasswordInput id="verify-confirm" label={t('register.confirmPassword')} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={confirmError ? t(confirmError) : undefined} />
                <Button type="submit" loading={verify.isPending}>
                  {t('verify.acceptInvite')}
                </Button>
              </Stack>
            </form>
          ) : (
            <Group role="status">
              <Loader size="sm" />
              <Text>{t('verify.verifying')}</Text>
            </Group>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
