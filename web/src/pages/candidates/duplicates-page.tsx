import { Alert, Anchor, Badge, Button, Group, Pagination, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/guichet';
import type { DuplicatePair, DuplicateSide } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

const pageSize = 10;

function Side({ side, label }: { side: DuplicateSide; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2} component="dl" m={0} aria-label={label}>
      <Anchor component={Link} to={`/candidates/${side.id}`} fw={600}>
        {side.lastName.toLocaleUpperCase()} {side.firstName}
      </Anchor>
      <Text size="sm">{side.email ?? '—'}</Text>
      <Text size="sm">{side.phone ?? '—'}</Text>
      <Text size="sm">{side.birthDate ? format.date(side.birthDate) : '—'}</Text>
      <Text size="sm">{side.communeName ?? '—'}</Text>
      <Text size="xs" c="dimmed">
        {t(`candidateDetail.sources.${side.source}`, { defaultValue: side.source })} · {format.date(side.createdAt)}
        {side.hasAccount ? ` · ${t('duplicates.hasAccount')}` : ''}
      </Text>
    </Stack>
  );
}

function PairCard({ pair }: { pair: DuplicatePair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
  const merge = useMutation({ mutationFn: (keepId: string) => api.mergeDuplicate(pair.id, keepId), onSuccess: refresh });
  const dismiss = useMutation({ mutationFn: () => api.dismissDuplicate(pair.id), onSuccess: refresh });
  const error = merge.error ?? dismiss.error;
  return (
    <Paper withBorder p="lg" component="article" aria-label={t('duplicates.pair')} data-testid="duplicate-pair">
      <Group gap="xs" mb="sm">
        {pair.reasons.map((r) => (
          <Badge key={r} variant="light" tt="none">
            {t(`duplicates.reasons.${r}`)}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          {t('duplicates.detected', { date: format.date(pair.detectedAt) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {([pair.a, pair.b] as const).map((side, k) => (
          <Stack key={side.id} justify="space-between">
            <Side side={side} label={k === 0 ? 'A' : 'B'} />
            {pair.status === 'open' ? (
              <Button size="xs" variant="light" loading={merge.isPending && merge.variables === side.id} onClick={() => merge.mutate(side.id)}>
                {t('duplicates.keepThis')}
              </Button>
            ) : null}
          </Stack>
        ))}
      </SimpleGrid>
      {pair.status === 'open' ? (
        <Group mt="sm">
          <Button size="xs" variant="subtle" onClick={() => dismiss.mutate()} loading={dismiss.isPending}>
            {t('duplicates.dismiss')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('duplicates.mergeHint')}
          </Text>
        </Group>
      ) : null}
      {error ? (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {errorMessage(t, error)}
        </Alert>
      ) : null}
    </Paper>
  );
}

/** Suspected duplicate records of the territory: keep one and merge, or mark as two people. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const [status, setStatus] = useState<'open' | 'merged' | 'dismissed'>('open');
  const [page, setPage] = useState(1);
  const pairs = useQuery({
    queryKey: ['duplicates', code, status, page],
    queryFn: () => api.duplicates(code!, { status, page, pageSize }),
    enabled: code !== null,
    placeholderData: keepPreviousData,
  });
  const data = pairs.data;
  return (
    <>
      <Anchor component={Link} to="/candidates" size="sm">
        ← {t('candidateDetail.back')}
      </Anchor>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      <Stack maw={960}>
        <SegmentedControl
          value={status}
          onChange={(value) => {
            setStatus(value as typeof status);
            setPage(1);
          }}
          data={(['open', 'merged', 'dismissed'] as const).map((s) => ({ value: s, label: t(`duplicates.status.${s}`) }))}
          w="fit-content"
        />
        {pairs.isError ? (
          <QueryError error={pairs.error} onRetry={() => void pairs.refetch()} />
        ) : !data ? (
          <Skeleton h={200} aria-busy="true" aria-label={t('common.loading')} />
        ) : data.total === 0 ? (
          <Text c="dimmed" data-testid="duplicates-empty">
            {t('duplicates.empty')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('duplicates.count', { count: data.total })}
            </Text>
            {data.items.map((pair) => (
              <PairCard key={pair.id} pair={pair} />
            ))}
            {data.total > pageSize ? (
              <Group justify="center">
                <Pagination total={Math.ceil(data.total / pageSize)} value={page} onChange={setPage} getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })} />
              </Group>
            ) : null}
          </>
        )}
      </Stack>
    </>
  );
}
