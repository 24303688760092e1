import { Anchor, Badge, Button, EmptyState, Group, Pagination, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/guichet';
import type { TrainingSessionInput } from '../../api/types';
import { canOpen } from '../../app/access';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { useTerritory } from '../../app/territory';
import { CsvImportPanel, CsvLink } from '../../components/csv';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SessionForm } from './session-form';

const pageSize = 20;

export function SeatsBadge({ seats, taken, waitlisted }: { seats: number; taken: number; waitlisted: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={taken >= seats ? 'orange' : 'green'} variant="light" tt="none" data-testid="seats">
        {t('trainings.seatsValue', { taken, seats })}
      </Badge>
      {waitlisted > 0 ? (
        <Badge color="gray" variant="light" tt="none" data-testid="waitlisted">
          {t('trainings.waitlistedValue', { count: waitlisted })}
        </Badge>
      ) : null}
    </Group>
  );
}

/** A trainer's sessions (their body's), or all sessions of the territory for staff. */
export function SessionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { code } = useTerritory();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query = { page, pageSize, q: q || undefined };
  const sessions = useQuery({ queryKey: ['training-sessions', code, query], queryFn: () => api.trainingSessions(code!, query), enabled: code !== null, placeholderData: keepPreviousData });
  const data = sessions.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <>
      <PageHeader title={t('trainings.title')} description={t('trainings.description')} />
      <Stack>
        <Group justify="space-between" align="flex-end">
          <TextInput type="search" label={t('trainings.search')} value={search} onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))} w={280} />
          <Group>
            {code ? <CsvLink href={api.trainingSessionsCsvUrl(code)} /> : null}
            {canOpen(me.role, 'trainingEdit') ? (
              <>
                <Button component={Link} to="/trainings/import" variant="default">
                  {t('trainings.import')}
                </Button>
                <Button component={Link} to="/trainings/new" data-testid="new-session">
                  {t('trainings.new')}
                </Button>
              </>
            ) : null}
          </Group>
        </Group>
        {sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : !data ? (
          <Skeleton h={200} />
        ) : data.total === 0 ? (
          <EmptyState title={t('trainings.emptyTitle')} description={t('trainings.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('trainings.session')}</Table.Th>
                  <Table.Th scope="col">{t('trainings.dates')}</Table.Th>
                  <Table.Th scope="col">{t('sessionForm.mode')}</Table.Th>
                  <Table.Th scope="col">{t('trainings.seats')}</Table.Th>
                  <Table.Th scope="col">{t('sessionForm.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/trainings/${s.id}`} fw={600}>
                        {s.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.trainingBodyName}
                        {s.diploma ? ` · ${s.diploma}` : ''}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {format.date(s.startsOn)} → {format.date(s.endsOn)}
                    </Table.Td>
                    <Table.Td>
                      {t(`sessionMode.${s.mode}`)}
                      {s.siteName ? ` · ${s.siteName}` : ''}
                    </Table.Td>
                    <Table.Td>
                      <SeatsBadge seats={s.seats} taken={s.seatsTaken} waitlisted={s.waitlisted} />
                    </Table.Td>
                    <Table.Td>{t(`sessionStatus.${s.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 ? (
          <Group justify="center">
            <Pagination total={pages} value={page} onChange={setPage} />
          </Group>
        ) : null}
      </Stack>
    </>
  );
}

export function NewSessionPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: TrainingSessionInput) => api.createTrainingSession(code!, body),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ['training-sessions'] });
      navigate(`/trainings/${s.id}`);
    },
  });
  return (
    <>
      <Anchor component={Link} to="/trainings" size="sm">
        ← {t('trainings.back')}
      </Anchor>
      <PageHeader title={t('sessionForm.newTitle')} />
      <SessionForm submitLabel={t('sessionForm.publish')} pending={create.isPending} error={create.error} onSubmit={(body) => create.mutate(body)} />
    </>
  );
}

export function SessionImportPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  return (
    <>
      <Anchor component={Link} to="/trainings" size="sm">
        ← {t('trainings.back')}
      </Anchor>
      <PageHeader title={t('trainings.importTitle')} description={t('trainings.importDescription')} />
      <CsvImportPanel
        example={'title,mode,starts_on,ends_on,seats,diploma,site,languages,raises\nAccueil téléphonique,distance,2027-01-11,2027-03-19,12,DEUST,,fr:B1,telephone:15 language/en:5'}
        upload={(file) => api.importTrainingSessions(code!, file)}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['training-sessions'] })}
      />
    </>
  );
}
