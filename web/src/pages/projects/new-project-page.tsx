import { Alert, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { activities, type Activity } from '../../api/types';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';

/** A new investor project: who and what; hours, forecast and parameters come next on its page. */
export function NewProjectPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [companyName, setCompanyName] = useState('');
  const [activity, setActivity] = useState<Activity>('inbound_care');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [jobsAnnounced, setJobsAnnounced] = useState<number | string>('');
  const [goLiveOn, setGoLiveOn] = useState('');
  const [missingName, setMissingName] = useState(false);

  const create = useMutation({
    mutationFn: () =>
      api.createProject(code!, {
        companyName: companyName.trim(),
        activity,
        contactName: contactName.trim(),
        contactEmail: contactEmail.trim() || null,
        contactPhone: contactPhone.trim() || null,
        jobsAnnounced: typeof jobsAnnounced === 'number' ? jobsAnnounced : null,
        goLiveOn: goLiveOn || null,
      }),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      queryClient.setQueryData(['project', code, project.id], project);
      navigate(`/projects/${project.id}?tab=forecast`);
    },
  });
  const fields = isApiError(create.error) ? (create.error.fields ?? {}) : {};
  const fieldError = (name: string) => (fields[name] ? t('validation.server', { message: fields[name] }) : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!companyName.trim()) {
      setMissingName(true);
      document.getElementById('project-company')?.focus();
      return;
    }
    create.mutate();
  };

  return (
    <>
      <PageHeader title={t('projects.newTitle')} description={t('projects.newDescription')} />
      <Paper withBorder p="lg" maw={720}>
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            {create.isError && Object.keys(fields).length === 0 ? (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, create.error)}
              </Alert>
            ) : null}
            <TextInput
              id="project-company"
              label={t('projects.company')}
              required
              value={companyName}
              onChange={(event) => {
                setCompanyName(event.currentTarget.value);
                setMissingName(false);
              }}
              error={missingName ? t('validation.required') : fieldError('companyName')}
              aria-invalid={missingName || Boolean(fields.companyName)}
            />
            <NativeSelect
              id="project-activity"
              label={t('projects.activity')}
              value={activity}
              onChange={(event) => setActivity(event.currentTarget.value as Activity)}
              data={activities.map((a) => ({ value: a, label: t(`projects.activities.${a}`) }))}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput id="project-contact-name" label={t('projects.contactName')} value={contactName} onChange={(event) => setContactName(event.currentTarget.value)} error={fieldError('contactName')} />
              <TextInput
                id="project-contact-email"
                type="email"
                label={t('projects.contactEmail')}
                value={contactEmail}
                onChange={(event) => setContactEmail(event.currentTarget.value)}
                error={fieldError('contactEmail')}
                aria-invalid={Boolean(fields.contactEmail)}
              />
              <TextInput id="project-contact-phone" type="tel" label={t('projects.contactPhone')} value={contactPhone} onChange={(event) => setContactPhone(event.currentTarget.value)} error={fieldError('contactPhone')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput id="project-jobs" label={t('projects.jobsAnnounced')} min={0} allowDecimal={false} value={jobsAnnounced} onChange={setJobsAnnounced} error={fieldError('jobsAnnounced')} />
              <TextInput id="project-go-live" type="date" label={t('projects.goLiveOn')} value={goLiveOn} onChange={(event) => setGoLiveOn(event.currentTarget.value)} error={fieldError('goLiveOn')} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button component={Link} to="/projects" variant="default">
                {t('projects.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('projects.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
