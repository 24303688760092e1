import { Alert, Anchor, Box, Button, Center, Checkbox, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { checkConfirmation, checkEmail, checkNewPassword, checkRequired, minPasswordLength } from '../../app/validation';
import { errorMessage } from '../../components/error-message';
import { LanguageSwitch } from '../../components/language-switch';
import { useCommunes } from './profile-form';

interface Values {
  territoryCode: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  confirm: string;
  phone: string;
  birthDate: string;
  communeCode: string | null;
  processing: boolean;
  jobAlerts: boolean;
  trainingContact: boolean;
}

function validate(v: Values): Partial<Record<keyof Values, string>> {
  return {
    territoryCode: checkRequired(v.territoryCode),
    firstName: checkRequired(v.firstName.trim()),
    lastName: checkRequired(v.lastName.trim()),
    email: checkEmail(v.email),
    password: checkNewPassword(v.password),
    confirm: checkConfirmation(v.confirm, v.password),
    processing: v.processing ? undefined : 'register.consentRequired',
  };
}

/** Public self-registration of a candidate: an account that opens once the email is verified. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<Values>({
    territoryCode: '',
    firstName: '',
    lastName: '',
    email: '',
    password: '',
    confirm: '',
    phone: '',
    birthDate: '',
    communeCode: null,
    processing: false,
    jobAlerts: false,
    trainingContact: false,
  });
  const [submitted, setSubmitted] = useState(false);
  const options = useCommunes(v.territoryCode || null);
  const register = useMutation({ mutationFn: api.register });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((current) => ({ ...current, [key]: value }));

  useEffect(() => {
    document.title = `${t('register.title')} · guichet`;
  }, [t]);

  const errors = submitted ? validate(v) : {};
  const serverFields = isApiError(register.error) ? (register.error.fields ?? {}) : {};
  const message = (name: keyof Values, serverName: string = name) =>
    errors[name] ? t(errors[name]!, { min: minPasswordLength }) : serverFields[serverName] ? t('validation.server', { message: serverFields[serverName] }) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validate(v);
    const first = (Object.keys(found) as (keyof Values)[]).find((k) => found[k]);
    if (first) {
      document.getElementById(`register-${first}`)?.focus();
      return;
    }
    register.mutate({
      territoryCode: v.territoryCode,
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      email: v.email.trim(),
      password: v.password,
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.birthDate ? { birthDate: v.birthDate } : {}),
      ...(v.communeCode ? { communeCode: v.communeCode } : {}),
      locale: i18n.resolvedLanguage === 'en' ? 'en' : 'fr',
      consents: { processing: true, jobAlerts: v.jobAlerts, trainingContact: v.trainingContact },
    });
  };

  return (
    <Box component="main" mih="100vh" bg="gray.0" px="md" py="xl">
      <Group justify="flex-end" maw={640} mx="auto" mb="md">
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={640}>
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">
              {t('register.title')}
            </Title>
            <Text c="dimmed">{t('register.subtitle')}</Text>
          </Stack>
          {register.isSuccess ? (
            <Stack data-testid="register-done">
              <Alert color="green" variant="light" role="status" title={t('register.doneTitle')}>
                {t('register.doneText', { email: v.email.trim() })}
              </Alert>
              {register.data.verificationToken ? (
                <Alert color="yellow" variant="light">
                  <Stack gap="xs">
                    <Text size="sm">{t('register.devToken')}</Text>
                    <Anchor component={Link} to={`/verify?token=${encodeURIComponent(register.data.verificationToken)}`} data-testid="verify-link">
                      {t('register.verifyNow')}
                    </Anchor>
                  </Stack>
                </Alert>
              ) : null}
              <Anchor component={Link} to="/login">
                {t('register.toLogin')}
              </Anchor>
            </Stack>
          ) : (
            <form noValidate onSubmit={onSubmit}>
              <Stack>
                {register.isError && Object.keys(serverFields).length === 0 ? (
                  <Alert color="red" variant="light" role="alert">
                    {errorMessage(t, register.error)}
                  </Alert>
                ) : null}
                <Select
                  id="register-territoryCode"
                  label={t('register.territory')}
                  required
                  data={(options.data?.territories ?? []).map((x) => ({ value: x.code, label: x.name }))}
                  value={v.territoryCode || null}
                  onChange={(value) => setV((current) => ({ ...current, territoryCode: value ?? '', communeCode: null }))}
                  error={message('territoryCode')}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput id="register-firstName" label={t('candidateFields.firstName')} required autoComplete="given-name" value={v.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={message('firstName')} />
                  <TextInput id="register-lastName" label={t('candidateFields.lastName')} required autoComplete="family-name" value={v.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={message('lastName')} />
                </SimpleGrid>
                <TextInput id="register-email" type="email" label={t('candidateFields.email')} required autoComplete="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={message('email')} />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <PasswordInput
                    id="register-password"
                    label={t('register.password')}
                    description={t('register.passwordHint', { min: minPasswordLength })}
                    required
                    autoComplete="new-password"
                    value={v.password}
                    onChange={(e) => set('password', e.currentTarget.value)}
                    error={message('password')}
                  />
                  <PasswordInput id="register-confirm" label={t('register.confirmPassword')} required autoComplete="new-password" value={v.confirm} onChange={(e) => set('confirm', e.currentTarget.value)} error={message('confirm')} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput id="register-phone" type="tel" label={t('candidateFields.phone')} description={t('register.optional')} autoComplete="tel" value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={message('phone')} />
                  <TextInput id="register-birthDate" type="date" label={t('candidateFields.birthDate')} description={t('register.optional')} value={v.birthDate} onChange={(e) => set('birthDate', e.currentTarget.value)} error={message('birthDate')} />
                  <Select
                    id="register-communeCode"
                    label={t('candidateFields.commune')}
                    description={t('register.optional')}
                    searchable
                    clearable
                    disabled={!v.territoryCode}
                    nothingFoundMessage={t('candidateFields.noCommune')}
                    data={(options.data?.communes ?? []).map((c) => ({ value: c.code, label: c.postcode ? `${c.name} (${c.postcode})` : c.name }))}
                    value={v.communeCode}
                    onChange={(value) => set('communeCode', value)}
                    error={message('communeCode')}
                  />
                </SimpleGrid>
                <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                  <Text component="legend" fw={600} size="sm">
                    {t('register.consentsTitle')}
                  </Text>
                  <Checkbox
                    id="register-processing"
                    label={t('register.consentProcessing')}
                    description={t('register.consentNotice', { version: options.data?.noticeVersion ?? '' })}
                    checked={v.processing}
                    onChange={(e) => set('processing', e.currentTarget.checked)}
                    error={message('processing', 'consents.processing')}
                  />
                  <Checkbox id="register-jobAlerts" label={t('consentPurposes.job_alerts')} checked={v.jobAlerts} onChange={(e) => set('jobAlerts', e.currentTarget.checked)} />
                  <Checkbox id="register-trainingContact" label={t('consentPurposes.training_contact')} checked={v.trainingContact} onChange={(e) => set('trainingContact', e.currentTarget.checked)} />
                </Stack>
                <Button type="submit" loading={register.isPending} fullWidth mt="sm">
                  {t('register.submit')}
                </Button>
                <Text size="sm" ta="center">
                  {t('register.haveAccount')}{' '}
                  <Anchor component={Link} to="/login">
                    {t('register.toLogin')}
                  </Anchor>
                </Text>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
