import { Alert, Anchor, Button, Checkbox, Group, List, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { useCommunes } from './profile-form';

/** A counsellor records a candidate met at the agency, with the consents they gave; duplicates are flagged. */
export function NewCandidatePage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const communes = useCommunes(code);
  const [v, setV] = useState({ firstName: '', lastName: '', email: '', phone: '', birthDate: '', communeCode: null as string | null, processing: false, jobAlerts: false, trainingContact: false });
  const [missing, setMissing] = useState(false);
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((current) => ({ ...current, [key]: value }));
  const create = useMutation({
    mutationFn: () =>
      api.createCandidate(code!, {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.birthDate ? { birthDate: v.birthDate } : {}),
        ...(v.communeCode ? { communeCode: v.communeCode } : {}),
        consents: { processing: true, jobAlerts: v.jobAlerts, trainingContact: v.trainingContact },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['candidates'] }),
  });
  const fields = isApiError(create.error) ? (create.error.fields ?? {}) : {};
  const fieldError = (name: string) => (fields[name] ? t('validation.server', { message: fields[name] }) : undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!v.firstName.trim() || !v.lastName.trim() || !v.processing) {
      setMissing(true);
      return;
    }
    create.mutate();
  };

  if (create.data) {
    const c = create.data.candidate;
    return (
      <>
        <PageHeader title={t('newCandidate.title')} />
        <Stack maw={720}>
          <Alert color="green" variant="light" role="status" data-testid="candidate-created">
            {t('newCandidate.created', { name: `${c.firstName} ${c.lastName}` })}{' '}
            <Anchor component={Link} to={`/candidates/${c.id}`}>
              {t('newCandidate.open')}
            </Anchor>
          </Alert>
          {create.data.suspectedDuplicates.length > 0 ? (
            <Alert color="yellow" variant="light" title={t('newCandidate.duplicatesTitle', { count: create.data.suspectedDuplicates.length })}>
              <List size="sm">
                {create.data.suspectedDuplicates.map((d) => (
                  <List.Item key={d.duplicateId}>
                    <Anchor component={Link} to={`/candidates/${d.otherCandidateId}`}>
                      {d.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ')}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
              <Anchor component={Link} to="/candidates/duplicates" size="sm">
                {t('candidateImport.reviewDuplicates')}
              </Anchor>
            </Alert>
          ) : null}
          <Group>
            <Button variant="default" onClick={() => create.reset()}>
              {t('newCandidate.another')}
            </Button>
          </Group>
        </Stack>
      </>
    );
  }

  return (
    <>
      <Anchor component={Link} to="/candidates" size="sm">
        ← {t('candidateDetail.back')}
      </Anchor>
      <PageHeader title={t('newCandidate.title')} description={t('newCandidate.description')} />
      <Paper withBorder p="lg" maw={720}>
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            {create.isError && Object.keys(fields).length === 0 ? (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, create.error)}
              </Alert>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput id="new-first-name" label={t('candidateFields.firstName')} required value={v.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={missing && !v.firstName.trim() ? t('validation.required') : fieldError('firstName')} />
              <TextInput id="new-last-name" label={t('candidateFields.lastName')} required value={v.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={missing && !v.lastName.trim() ? t('validation.required') : fieldError('lastName')} />
              <TextInput id="new-email" type="email" label={t('candidateFields.email')} value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={fieldError('email')} />
              <TextInput id="new-phone" type="tel" label={t('candidateFields.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={fieldError('phone')} />
              <TextInput id="new-birth-date" type="date" label={t('candidateFields.birthDate')} value={v.birthDate} onChange={(e) => set('birthDate', e.currentTarget.value)} error={fieldError('birthDate')} />
              <Select
                id="new-commune"
                label={t('candidateFields.commune')}
                placeholder={t('candidateFields.communePlaceholder')}
                searchable
                clearable
                nothingFoundMessage={t('candidateFields.noCommune')}
                data={(communes.data?.communes ?? []).map((c) => ({ value: c.code, label: c.postcode ? `${c.name} (${c.postcode})` : c.name }))}
                value={v.communeCode}
                onChange={(value) => set('communeCode', value)}
                error={fieldError('communeCode')}
              />
            </SimpleGrid>
            <Checkbox
              label={t('newCandidate.consentProcessing')}
              checked={v.processing}
              onChange={(e) => set('processing', e.currentTarget.checked)}
              error={missing && !v.processing ? t('register.consentRequired') : undefined}
            />
            <Checkbox label={t('consentPurposes.job_alerts')} checked={v.jobAlerts} onChange={(e) => set('jobAlerts', e.currentTarget.checked)} />
            <Checkbox label={t('consentPurposes.training_contact')} checked={v.trainingContact} onChange={(e) => set('trainingContact', e.currentTarget.checked)} />
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!code}>
                {t('newCandidate.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
