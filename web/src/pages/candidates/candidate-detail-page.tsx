import { Alert, Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Skeleton, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import type { CandidateProfile, Rubric } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { useTestName } from '../evaluations/tests-page';
import { useFileSize } from './profile-edit-page';
import { ProfileForm } from './profile-form';

function RolePlayForm({ candidateId, rubric }: { candidateId: string; rubric: Rubric }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => api.assessRolePlay(candidateId, { ratings: Object.fromEntries(Object.entries(ratings).map(([k, v]) => [k, Number(v)])), comment }),
    onSuccess: (history) => {
      queryClient.setQueryData(['candidate-evaluations', candidateId], history);
      setRatings({});
      setComment('');
    },
  });
  const fields = isApiError(save.error) ? (save.error.fields ?? {}) : {};
  const levels = Array.from({ length: rubric.maxLevel + 1 }, (_, level) => level);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rubric.criteria.some((c) => !ratings[c])) {
      setMissing(true);
      return;
    }
    save.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="role-play-form">
      <Stack>
        <Text c="dimmed" size="sm">
          {t('candidateDetail.rolePlayHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {rubric.criteria.map((criterion) => (
            <NativeSelect
              key={criterion}
              label={t(`rubric.criteria.${criterion}`, { defaultValue: criterion })}
              data={[{ value: '', label: '—' }, ...levels.map((level) => ({ value: String(level), label: `${level} · ${t(`rubric.levels.${level}`)}` }))]}
              value={ratings[criterion] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setRatings((current) => ({ ...current, [criterion]: value }));
                setMissing(false);
              }}
              error={(missing && !ratings[criterion] ? t('validation.required') : undefined) ?? (fields[`ratings.${criterion}`] ? t('validation.server', { message: fields[`ratings.${criterion}`] }) : undefined)}
            />
          ))}
        </SimpleGrid>
        <Textarea label={t('candidateDetail.comment')} autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {save.isError && Object.keys(fields).length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        ) : null}
        {save.isSuccess ? (
          <Alert color="green" variant="light" role="status">
            {t('candidateDetail.assessmentSaved')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('candidateDetail.saveAssessment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Results({ candidateId }: { candidateId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const testName = useTestName();
  const history = useQuery({ queryKey: ['candidate-evaluations', candidateId], queryFn: () => api.candidateEvaluations(candidateId) });
  const rubrics = useQuery({ queryKey: ['rubrics'], queryFn: api.rubrics, staleTime: 60 * 60_000 });
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data) return <Skeleton h={120} aria-busy="true" aria-label={t('common.loading')} />;
  const h = history.data;
  return (
    <Stack>
      <Group gap="sm" data-testid="latest-scores">
        {(['telephone', 'information_search', 'it_tools'] as const).map((p) => (
          <Badge key={p} size="lg" variant="light" color={h.latest.pillars[p] ? 'blue' : 'gray'} tt="none">
            {t(`pillars.${p}`)} : {h.latest.pillars[p]?.score ?? '—'}
          </Badge>
        ))}
        {h.latest.languages.map((l) => (
          <Badge key={l.code} size="lg" variant="light" tt="none">
            {t(`languageNames.${l.code}`, { defaultValue: l.code })} : {l.score}
            {l.cefrLevel ? ` (${l.cefrLevel})` : ''}
          </Badge>
        ))}
      </Group>
      {h.results.length === 0 ? (
        <Text c="dimmed">{t('candidateDetail.noResults')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('results.test')}</Table.Th>
                <Table.Th scope="col">{t('results.score')}</Table.Th>
                <Table.Th scope="col">{t('results.source')}</Table.Th>
                <Table.Th scope="col">{t('results.by')}</Table.Th>
                <Table.Th scope="col">{t('results.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {h.results.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{testName(r.pillar, r.languageCode)}</Table.Td>
                  <Table.Td>
                    {r.score}
                    {r.cefrLevel ? ` (${r.cefrLevel})` : ''}
                    {r.comment ? (
                      <Text size="xs" c="dimmed">
                        {r.comment}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`results.sources.${r.source}`)}</Table.Td>
                  <Table.Td>{r.assessedBy ?? '—'}</Table.Td>
                  <Table.Td>{format.date(r.assessedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="lg" component="section" aria-labelledby="role-play-title">
        <Title order={3} size="h4" id="role-play-title" mb="sm">
          {t('candidateDetail.rolePlay')}
        </Title>
        {rubrics.data?.[0] ? <RolePlayForm candidateId={candidateId} rubric={rubrics.data[0]} /> : <Skeleton h={80} />}
      </Paper>
    </Stack>
  );
}

function Actions({ candidate }: { candidate: CandidateProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState(false);
  const invite = useMutation({ mutationFn: () => api.inviteCandidate(candidate.id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['candidate', candidate.id] }) });
  const erase = useMutation({
    mutationFn: () => api.eraseCandidate(candidate.id),
    onSuccess: () => {
      setErasing(false);
      void queryClient.invalidateQueries({ queryKey: ['candidate', candidate.id] });
      void queryClient.invalidateQueries({ queryKey: ['candidates'] });
    },
  });
  const gone = candidate.anonymisedAt !== null;
  return (
    <Stack>
      <Group>
        <Button component="a" href={`/api/candidates/${candidate.id}/export`} download variant="default">
          {t('candidateDetail.export')}
        </Button>
        {candidate.account === 'none' && !gone ? (
          <Button variant="default" onClick={() => invite.mutate()} loading={invite.isPending} disabled={!candidate.email}>
            {t('candidateDetail.invite')}
          </Button>
        ) : null}
        {!gone ? (
          <Button color="red" variant="light" onClick={() => setErasing(true)}>
            {t('candidateDetail.erase')}
          </Button>
        ) : null}
      </Group>
      {invite.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, invite.error)}
        </Alert>
      ) : null}
      {invite.data ? (
        <Alert color="green" variant="light" role="status">
          {t('candidateDetail.invited')}
          {invite.data.invitationToken ? (
            <>
              {' '}
              <Anchor component={Link} to={`/verify?invite=1&token=${encodeURIComponent(invite.data.invitationToken)}`}>
                {t('candidateDetail.invitationLink')}
              </Anchor>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Modal opened={erasing} onClose={() => setErasing(false)} title={t('candidateDetail.eraseTitle')} centered>
        <Stack>
          <Text>{t('candidateDetail.eraseText')}</Text>
          {erase.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, erase.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setErasing(false)}>
              {t('myData.cancel')}
            </Button>
            <Button color="red" loading={erase.isPending} onClick={() => erase.mutate()}>
              {t('candidateDetail.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** A counsellor's page of one candidate: profile, documents, results history and role-play grid. */
export function CandidateDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const size = useFileSize();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const candidate = useQuery({ queryKey: ['candidate', id], queryFn: () => api.candidate(id) });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.updateCandidate>[1]) => api.updateCandidate(id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['candidate', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['candidates'] });
    },
  });
  const c = candidate.data;
  const title = c ? (c.anonymisedAt ? t('candidateDetail.anonymised') : `${c.firstName} ${c.lastName}`) : t('candidateDetail.title');
  return (
    <>
      <Anchor component={Link} to="/candidates" size="sm">
        ← {t('candidateDetail.back')}
      </Anchor>
      <PageHeader title={title} description={c ? t('candidateDetail.summary', { source: t(`candidateDetail.sources.${c.source}`), date: format.date(c.createdAt), account: t(`candidateDetail.accounts.${c.account}`) }) : undefined} />
      {candidate.isError ? (
        <QueryError error={candidate.error} onRetry={() => void candidate.refetch()} />
      ) : !c ? (
        <Skeleton h={400} aria-busy="true" aria-label={t('common.loading')} />
      ) : (
        <Stack maw={960}>
          {c.mergedIntoId ? (
            <Alert color="yellow" variant="light">
              {t('candidateDetail.merged')}{' '}
              <Anchor component={Link} to={`/candidates/${c.mergedIntoId}`}>
                {t('candidateDetail.openKept')}
              </Anchor>
            </Alert>
          ) : null}
          <Actions candidate={c} />
          <Tabs defaultValue="results" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="results">{t('candidateDetail.results')}</Tabs.Tab>
              <Tabs.Tab value="profile">{t('candidateDetail.profile')}</Tabs.Tab>
              <Tabs.Tab value="documents">{t('documents.title')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="results" pt="md">
              <Results candidateId={c.id} />
            </Tabs.Panel>
            <Tabs.Panel value="profile" pt="md">
              <Paper withBorder p="lg">
                {c.anonymisedAt ? (
                  <Text c="dimmed">{t('candidateDetail.anonymisedText')}</Text>
                ) : (
                  <ProfileForm key={c.updatedAt} profile={c} withEmail={c.account === 'none'} saving={save.isPending} error={save.error} saved={save.isSuccess} onSubmit={(fields) => save.mutate(fields)} />
                )}
              </Paper>
              <Paper withBorder p="lg" mt="md">
                <Title order={3} size="h5" mb="xs">
                  {t('consents.title')}
                </Title>
                {c.consents.length === 0 ? (
                  <Text c="dimmed">{t('consents.noneRecorded')}</Text>
                ) : (
                  c.consents.map((consent) => (
                    <Text key={consent.id} size="sm">
                      {t(`consentPurposes.${consent.purpose}`)} — {t('consents.givenOn', { date: format.date(consent.givenAt) })}
                      {consent.withdrawnAt ? ` · ${t('consents.withdrawnOn', { date: format.date(consent.withdrawnAt) })}` : ''}
                    </Text>
                  ))
                )}
              </Paper>
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="md">
              {c.documents.length === 0 ? (
                <Text c="dimmed">{t('documents.none')}</Text>
              ) : (
                <Table>
                  <Table.Tbody>
                    {c.documents.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>
                          <Anchor href={`/api/candidates/${c.id}/documents/${d.id}`}>{d.filename}</Anchor>
                        </Table.Td>
                        <Table.Td>{size(d.sizeBytes)}</Table.Td>
                        <Table.Td>{format.date(d.uploadedAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </>
  );
}
