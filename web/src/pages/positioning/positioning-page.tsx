import { Alert, Anchor, Badge, Button, Checkbox, EmptyState, Group, Pagination, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import type { PositioningRun } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { Considered, isActive, RunProgress, RunStatusBadge, unclipped, useRun } from './parts';

const pageSize = 20;

/** Cancel a queued or running run (it stops at its next step and stores nothing). */
function CancelButton({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.cancelPositioningRun(run.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(['positioning-run', run.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
    },
  });
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="light"
        color="red"
        loading={cancel.isPending}
        disabled={run.cancelRequested}
        onClick={() => cancel.mutate()}
        aria-label={t('positioning.cancelRun', { date: format.dateTime(run.createdAt) })}
        data-testid="cancel-run"
      >
        {t('positioning.cancel')}
      </Button>
      {cancel.isError ? (
        <Text size="xs" c="red.8" role="alert">
          {errorMessage(t, cancel.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The row of one run; a queued or running one is polled and shows its progress. */
function RunRowCells({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const active = isActive(run);
  return (
    <Table.Tr data-testid="run-row" data-run-id={run.id}>
      <Table.Th scope="row">
        <Anchor component={Link} to={`/positioning/${run.id}`} fw={600} data-testid="run-link">
          {format.dateTime(run.createdAt)}
        </Anchor>
        <Text size="xs" c="dimmed">
          {[run.createdByName, run.includeSessions ? t('positioning.withSessions') : t('positioning.offersOnly')].filter(Boolean).join(' · ')}
        </Text>
      </Table.Th>
      <Table.Td>
        <Stack gap={6} align="flex-start">
          <RunStatusBadge status={run.status} />
          {active ? <RunProgress run={run} /> : null}
          {run.status === 'failed' && run.error ? (
            <Text size="xs" c="red.8">
              {run.error}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          <Considered run={run} />
        </Text>
      </Table.Td>
      <Table.Td>
        {run.status === 'completed' ? (
          <>
            <Text size="sm" fw={600} data-testid="run-proposal-count">
              {format.number(run.proposalCount)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('positioning.countsValue', { pending: run.proposals.pending, approved: run.proposals.approved, published: run.proposals.published + run.proposals.accepted + run.proposals.declined })}
            </Text>
          </>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{run.status === 'completed' ? <Text size="sm" data-testid="run-total-score">{format.number(run.totalScore)}</Text> : '—'}</Table.Td>
      <Table.Td>
        {run.certified ? (
          <Badge color="teal" variant="light" tt="none" style={unclipped} data-testid="run-certified" title={t('positioning.certifiedHint')}>
            ✓ {t('positioning.certified')}
          </Badge>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{active ? <CancelButton run={run} /> : null}</Table.Td>
    </Table.Tr>
  );
}

function LiveRunRow({ run }: { run: PositioningRun }) {
  const live = useRun(run.id, run);
  return <RunRowCells run={live.data ?? run} />;
}

function RunRow({ run }: { run: PositioningRun }) {
  return isActive(run) ? <LiveRunRow run={run} /> : <RunRowCells run={run} />;
}

function LaunchPanel({ code, hasActive, onStarted }: { code: string; hasActive: boolean; onStarted: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [includeSessions, setIncludeSessions] = useState(true);
  const start = useMutation({
    mutationFn: () => api.startPositioningRun(code, { includeSessions }),
    onSuccess: (run) => {
      queryClient.setQueryData(['positioning-run', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
      onStarted();
    },
    // someone else's run may be the one under way: show it
    onError: () => void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] }),
  });
  // 409: one queued or running run per territory at a time; the message goes once that run is over.
  const busy = isApiError(start.error) && start.error.status === 409;
  const { reset } = start;
  const hadActive = useRef(hasActive);
  useEffect(() => {
    if (busy && hadActive.current && !hasActive) reset();
    hadActive.current = hasActive;
  }, [busy, hasActive, reset]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="launch-title">
      <Stack gap="sm">
        <Text fw={600} id="launch-title">
          {t('positioning.launchTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('positioning.launchHint')}
        </Text>
        <Group align="center">
          <Checkbox label={t('positioning.includeSessions')} checked={includeSessions} onChange={(e) => setIncludeSessions(e.currentTarget.checked)} data-testid="include-sessions" />
          <Button loading={start.isPending} onClick={() => start.mutate()} data-testid="launch-run">
            {t('positioning.launch')}
          </Button>
        </Group>
        {start.isError ? (
          <Alert color={busy ? 'orange' : 'red'} variant="light" role="alert">
            {busy ? t('positioning.alreadyRunning') : errorMessage(t, start.error)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Staff launch positioning runs for their territory and follow them; each run opens on its review page. */
export function PositioningPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const [page, setPage] = useState(1);
  const query = { page, pageSize };
  const runs = useQuery({
    queryKey: ['positioning-runs', code, query],
    queryFn: () => api.positioningRuns(code!, query),
    enabled: code !== null,
    placeholderData: keepPreviousData,
  });
  const data = runs.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <>
      <PageHeader title={t('positioning.title')} description={t('positioning.description')} />
      <Stack>
        {code ? <LaunchPanel code={code} hasActive={data?.items.some(isActive) ?? false} onStarted={() => setPage(1)} /> : null}
        {runs.isError ? (
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : !data ? (
          <Skeleton h={200} aria-label={t('common.loading')} />
        ) : data.total === 0 ? (
          <EmptyState title={t('positioning.emptyTitle')} description={t('positioning.empty')} data-testid="runs-empty" />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="sm" data-testid="runs">
              <Table.Caption>{t('positioning.runsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('positioning.startedAt')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.status')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.considered')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.proposals')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.totalScore')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.certificate')}</Table.Th>
                  <Table.Th scope="col">{t('positioning.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((run) => (
                  <RunRow key={run.id} run={run} />
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
