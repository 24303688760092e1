import { Button, EmptyState, Group, Modal, NativeSelect, Pagination, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Switch, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Checkin, EndReason } from '../../api/types';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { useTerritory } from '../../app/territory';
import { CsvLink } from '../../components/csv';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { StatCard } from '../../components/stat-card';

const pageSize = 20;
const endReasons: EndReason[] = ['resigned', 'dismissed', 'contract_ended', 'trial_period', 'other'];

function RetentionCards() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const retention = useQuery({ queryKey: ['retention', code], queryFn: () => api.retention(code!), enabled: code !== null });
  if (retention.isError) return <QueryError error={retention.error} />;
  if (!retention.data) return <Skeleton h={100} />;
  const r = retention.data;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <StatCard label={t('followUp.active')} value={`${format.number(r.active)} / ${format.number(r.placements)}`} testId="placements-active" />
      {r.horizons.map((h) => (
        <StatCard
          key={h.months}
          label={t('followUp.retentionAt', { months: h.months })}
          value={h.rate === null ? '—' : format.percent(h.rate)}
          testId={`retention-${h.months}`}
        >
          <Text size="xs" c="dimmed">
            {t('followUp.retentionHint', { retained: h.retained, eligible: h.eligible, recorded: h.checkinsRecorded })}
          </Text>
        </StatCard>
      ))}
    </SimpleGrid>
  );
}

function Checkins() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'due' | 'open' | 'done' | 'all'>('due');
  const [mine, setMine] = useState(me.role === 'counselor');
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState<Checkin | null>(null);
  const [outcome, setOutcome] = useState<'still_employed' | 'left'>('still_employed');
  const [reason, setReason] = useState<EndReason>('resigned');
  const [leftOn, setLeftOn] = useState('');
  const [notes, setNotes] = useState('');
  const query = { page, pageSize, state, mine: mine ? ('true' as const) : ('false' as const) };
  const list = useQuery({ queryKey: ['checkins', code, query], queryFn: () => api.checkins(code!, query), enabled: code !== null, placeholderData: keepPreviousData });
  const record = useMutation({
    mutationFn: (c: Checkin) => api.recordCheckin(c.id, { outcome, notes, ...(outcome === 'left' ? { leftReason: reason, ...(leftOn ? { leftOn } : {}) } : {}) }),
    onSuccess: () => {
      setRecording(null);
      setNotes('');
      void queryClient.invalidateQueries({ queryKey: ['checkins'] });
      void queryClient.invalidateQueries({ queryKey: ['retention'] });
      void queryClient.invalidateQueries({ queryKey: ['placements'] });
    },
  });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SegmentedControl
            value={state}
            onChange={(v) => (setState(v as typeof state), setPage(1))}
            data={(['due', 'open', 'done', 'all'] as const).map((s) => ({ value: s, label: t(`followUp.state.${s}`) }))}
          />
          <Switch label={t('followUp.mine')} checked={mine} onChange={(e) => (setMine(e.currentTarget.checked), setPage(1))} />
        </Group>
        {code ? <CsvLink href={api.checkinsCsvUrl(code, { state, mine: String(mine) })} /> : null}
      </Group>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Skeleton h={160} />
      ) : data.total === 0 ? (
        <EmptyState title={t('followUp.emptyTitle')} description={t('followUp.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped data-testid="checkins">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followUp.person')}</Table.Th>
                <Table.Th scope="col">{t('followUp.job')}</Table.Th>
                <Table.Th scope="col">{t('followUp.checkin')}</Table.Th>
                <Table.Th scope="col">{t('followUp.counselor')}</Table.Th>
                <Table.Th scope="col">{t('followUp.outcome')}</Table.Th>
                <Table.Th scope="col" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row">
                    {c.candidateName}
                    <Text size="xs" c="dimmed">
                      {[c.candidatePhone, c.candidateEmail].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {c.offerTitle}
                    <Text size="xs" c="dimmed">
                      {c.employerName} · {t('followUp.since', { date: format.date(c.startedOn) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t('followUp.months', { count: c.months })}
                    <Text size="xs" c="dimmed">
                      {t('followUp.dueOn', { date: format.date(c.dueOn) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.counselorName ?? '—'}</Table.Td>
                  <Table.Td>{c.outcome ? `${t(`followUp.outcomes.${c.outcome}`)}${c.leftReason ? ` (${t(`endReasons.${c.leftReason}`)})` : ''}` : '—'}</Table.Td>
                  <Table.Td>
                    {!c.doneAt ? (
                      <Button size="xs" onClick={() => setRecording(c)}>
                        {t('followUp.record')}
                      </Button>
                    ) : null}
                  </Table.Td>
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
      <Modal opened={recording !== null} onClose={() => setRecording(null)} title={recording ? t('followUp.recordTitle', { name: recording.candidateName, months: recording.months }) : ''}>
        <Stack>
          <SegmentedControl value={outcome} onChange={(v) => setOutcome(v as typeof outcome)} data={(['still_employed', 'left'] as const).map((o) => ({ value: o, label: t(`followUp.outcomes.${o}`) }))} />
          {outcome === 'left' ? (
            <>
              <NativeSelect label={t('followUp.reason')} data={endReasons.map((r) => ({ value: r, label: t(`endReasons.${r}`) }))} value={reason} onChange={(e) => setReason(e.currentTarget.value as EndReason)} />
              <TextInput type="date" label={t('followUp.leftOn')} value={leftOn} onChange={(e) => setLeftOn(e.currentTarget.value)} />
            </>
          ) : null}
          <Textarea label={t('followUp.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          {record.isError ? <Text c="red.8">{errorMessage(t, record.error)}</Text> : null}
          <Button loading={record.isPending} onClick={() => recording && record.mutate(recording)}>
            {t('followUp.save')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Placements() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const [page, setPage] = useState(1);
  const query = { page, pageSize };
  const list = useQuery({ queryKey: ['placements', code, query], queryFn: () => api.placements(code!, query), enabled: code !== null, placeholderData: keepPreviousData });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <Stack>
      <Group justify="flex-end">{code ? <CsvLink href={api.placementsCsvUrl(code)} /> : null}</Group>
      {list.isError ? (
        <QueryError error={list.error} />
      ) : !data ? (
        <Skeleton h={160} />
      ) : data.total === 0 ? (
        <EmptyState title={t('followUp.noPlacementsTitle')} description={t('followUp.noPlacements')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followUp.person')}</Table.Th>
                <Table.Th scope="col">{t('followUp.job')}</Table.Th>
                <Table.Th scope="col">{t('followUp.started')}</Table.Th>
                <Table.Th scope="col">{t('followUp.ended')}</Table.Th>
                <Table.Th scope="col">{t('followUp.counselor')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">{p.candidateName}</Table.Th>
                  <Table.Td>
                    {p.offerTitle}
                    <Text size="xs" c="dimmed">
                      {p.employerName} · {t(`contracts.${p.contract}`)} · {t(`workTimes.${p.workTime}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{format.date(p.startedOn)}</Table.Td>
                  <Table.Td>{p.endedOn ? `${format.date(p.endedOn)} (${t(`endReasons.${p.endReason}`)})` : '—'}</Table.Td>
                  <Table.Td>{p.counselorName ?? '—'}</Table.Td>
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
  );
}

/** Counsellors follow people in work: due check-ins, placements, retention at 3/6/12 months. */
export function FollowUpPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('followUp.title')} description={t('followUp.description')} />
      <Stack>
        <RetentionCards />
        <Paper withBorder p="md">
          <Tabs defaultValue="checkins" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="checkins">{t('followUp.tabCheckins')}</Tabs.Tab>
              <Tabs.Tab value="placements">{t('followUp.tabPlacements')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="checkins">
              <Checkins />
            </Tabs.Panel>
            <Tabs.Panel value="placements">
              <Placements />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      </Stack>
    </>
  );
}
