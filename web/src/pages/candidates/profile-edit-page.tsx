import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import { consentPurposeValues, type CandidateProfile, type ConsentPurpose } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ProfileForm } from './profile-form';

export const myProfileKey = ['candidates', 'me'] as const;

/** Human size of a file: "120 ko", "2,4 Mo". */
export function useFileSize() {
  const format = useFormat();
  const { t } = useTranslation();
  return (bytes: number) => (bytes < 1024 * 1024 ? t('documents.kb', { n: format.number(Math.ceil(bytes / 1024)) }) : t('documents.mb', { n: format.number(Math.round((bytes / 1024 / 1024) * 10) / 10) }));
}

function Documents({ profile }: { profile: CandidateProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const size = useFileSize();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => api.uploadMyDocument(f),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: myProfileKey });
    },
  });
  const remove = useMutation({ mutationFn: api.deleteMyDocument, onSuccess: () => void queryClient.invalidateQueries({ queryKey: myProfileKey }) });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="documents-title">
      <Title order={2} size="h4" id="documents-title" mb="sm">
        {t('documents.title')}
      </Title>
      {profile.documents.length === 0 ? (
        <Text c="dimmed" mb="sm">
          {t('documents.none')}
        </Text>
      ) : (
        <Table mb="sm">
          <Table.Tbody>
            {profile.documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor href={`/api/candidates/me/documents/${d.id}`}>{d.filename}</Anchor>
                </Table.Td>
                <Table.Td>{size(d.sizeBytes)}</Table.Td>
                <Table.Td>{format.date(d.uploadedAt)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(d.id)} loading={remove.isPending && remove.variables === d.id}>
                    {t('documents.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end">
        <FileInput
          label={t('documents.upload')}
          description={t('documents.hint')}
          accept=".pdf,.doc,.docx,.odt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"
          value={file}
          onChange={setFile}
          clearable
          w={{ base: '100%', sm: 360 }}
        />
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t('documents.send')}
        </Button>
      </Group>
      {upload.isError ? (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {errorMessage(t, upload.error)}
        </Alert>
      ) : null}
    </Paper>
  );
}

function Consents({ profile }: { profile: CandidateProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: api.setMyConsent,
    onSuccess: (updated) => queryClient.setQueryData(myProfileKey, updated),
  });
  const live = (purpose: ConsentPurpose) => profile.consents.find((c) => c.purpose === purpose && !c.withdrawnAt);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="consents-title">
      <Title order={2} size="h4" id="consents-title" mb="sm">
        {t('consents.title')}
      </Title>
      <Stack gap="sm">
        {consentPurposeValues.map((purpose) => {
          const given = live(purpose);
          return (
            <Group key={purpose} justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Text>{t(`consentPurposes.${purpose}`)}</Text>
                <Text size="sm" c="dimmed">
                  {given ? t('consents.givenOn', { date: format.date(given.givenAt) }) : t('consents.notGiven')}
                </Text>
              </div>
              {purpose === 'processing' ? (
                <Badge variant="light" color={given ? 'green' : 'gray'}>
                  {t('consents.required')}
                </Badge>
              ) : (
                <Switch
                  aria-label={t(`consentPurposes.${purpose}`)}
                  checked={Boolean(given)}
                  disabled={change.isPending}
                  onChange={(e) => change.mutate({ purpose, given: e.currentTarget.checked })}
                />
              )}
            </Group>
          );
        })}
        <Text size="sm" c="dimmed">
          {t('consents.processingNote')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The candidate edits their own profile, CV and consents. */
export function ProfileEditPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const profile = useQuery({ queryKey: myProfileKey, queryFn: api.myProfile });
  const save = useMutation({
    mutationFn: api.updateMyProfile,
    onSuccess: (updated) => queryClient.setQueryData(myProfileKey, updated),
  });
  return (
    <>
      <PageHeader title={t('profileEdit.title')} description={t('profileEdit.description')} />
      {profile.isError ? (
        <QueryError error={profile.error} onRetry={() => void profile.refetch()} />
      ) : !profile.data ? (
        <Skeleton h={400} aria-busy="true" aria-label={t('common.loading')} />
      ) : (
        <Stack maw={860}>
          <Paper withBorder p="lg">
            <ProfileForm key={profile.data.updatedAt} profile={profile.data} saving={save.isPending} error={save.error} saved={save.isSuccess} onSubmit={(fields) => save.mutate(fields)} />
          </Paper>
          <Documents profile={profile.data} />
          <Consents profile={profile.data} />
        </Stack>
      )}
    </>
  );
}
