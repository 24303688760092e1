import { Badge, Button, EmptyState, Group, Modal, NativeSelect, Pagination, Paper, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Offer } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { CsvLink } from '../../components/csv';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ApplicationStatusBadge, Languages } from './badges';

const pageSize = 10;

/** Candidates search the open offers of their territory and apply. */
export function JobsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [contract, setContract] = useState('');
  const [workTime, setWorkTime] = useState('');
  const [language, setLanguage] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [applying, setApplying] = useState<Offer | null>(null);
  const [message, setMessage] = useState('');
  const query = { page, pageSize, q: q || undefined, contract: contract || undefined, workTime: workTime || undefined, language: language || undefined };
  const offers = useQuery({ queryKey: ['jobs', code, query], queryFn: () => api.offers(code!, query), enabled: code !== null, placeholderData: keepPreviousData });
  const apply = useMutation({
    mutationFn: (offer: Offer) => api.apply(offer.id, message),
    onSuccess: () => {
      setApplying(null);
      setMessage('');
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
      void queryClient.invalidateQueries({ queryKey: ['my-applications'] });
    },
  });
  const data = offers.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const reset = () => setPage(1);
  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.description')} />
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput type="search" label={t('jobs.search')} value={search} onChange={(e) => (setSearch(e.currentTarget.value), reset())} w={260} />
          <NativeSelect
            label={t('offers.contract')}
            value={contract}
            onChange={(e) => (setContract(e.currentTarget.value), reset())}
            data={[{ value: '', label: t('jobs.any') }, ...(['cdi', 'cdd', 'temp', 'work_study'] as const).map((c) => ({ value: c, label: t(`contracts.${c}`) }))]}
          />
          <NativeSelect
            label={t('offerForm.workTime')}
            value={workTime}
            onChange={(e) => (setWorkTime(e.currentTarget.value), reset())}
            data={[{ value: '', label: t('jobs.any') }, ...(['full_time', 'part_time'] as const).map((w) => ({ value: w, label: t(`workTimes.${w}`) }))]}
          />
          <NativeSelect
            label={t('jobs.language')}
            value={language}
            onChange={(e) => (setLanguage(e.currentTarget.value), reset())}
            data={[{ value: '', label: t('jobs.any') }, ...['fr', 'en', 'es', 'de', 'ar'].map((l) => ({ value: l, label: t(`languageNames.${l}`, { defaultValue: l }) }))]}
          />
          {code ? <CsvLink href={api.offersCsvUrl(code, { q: query.q, contract: query.contract, workTime: query.workTime, language: query.language })} /> : null}
        </Group>
        {offers.isError ? (
          <QueryError error={offers.error} onRetry={() => void offers.refetch()} />
        ) : !data ? (
          <Skeleton h={200} />
        ) : data.total === 0 ? (
          <EmptyState title={t('jobs.emptyTitle')} description={t('jobs.empty')} />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('jobs.count', { count: data.total })}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {data.items.map((o) => (
                <Paper key={o.id} withBorder p="md" component="article" aria-labelledby={`job-${o.id}`} data-testid="job">
                  <Stack gap="xs">
                    <Title order={2} size="h4" id={`job-${o.id}`}>
                      {o.title}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {o.employerName} · {o.siteName}
                      {o.communeName ? ` (${o.communeName})` : ''}
                    </Text>
                    <Group gap={4}>
                      <Badge variant="light">{t(`contracts.${o.contract}`)}</Badge>
                      <Badge variant="light">{t(`workTimes.${o.workTime}`)}</Badge>
                      {o.shifts.map((s) => (
                        <Badge key={s} variant="outline" color="gray">
                          {t(`shifts.${s}`)}
                        </Badge>
                      ))}
                    </Group>
                    <Text size="sm">
                      {o.occupation.label} · {t('offers.startsOn', { date: format.date(o.startDate) })} · {t('offers.seatsValue', { count: o.seats })}
                    </Text>
                    <Languages languages={o.languages} />
                    {o.description ? (
                      <Text size="sm" lineClamp={3}>
                        {o.description}
                      </Text>
                    ) : null}
                    <Group>
                      {o.myApplication ? (
                        <ApplicationStatusBadge status={o.myApplication.status} />
                      ) : (
                        <Button size="xs" onClick={() => setApplying(o)} data-testid="apply">
                          {t('jobs.apply')}
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Paper>
              ))}
            </SimpleGrid>
          </>
        )}
        {pages > 1 ? (
          <Group justify="center">
            <Pagination total={pages} value={page} onChange={setPage} />
          </Group>
        ) : null}
      </Stack>
      <Modal opened={applying !== null} onClose={() => setApplying(null)} title={applying ? t('jobs.applyTo', { title: applying.title }) : ''}>
        <Stack>
          <Text size="sm">{t('jobs.disclosure')}</Text>
          <Textarea label={t('jobs.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} autosize minRows={3} />
          {apply.isError ? <Text c="red.8">{errorMessage(t, apply.error)}</Text> : null}
          <Button loading={apply.isPending} onClick={() => applying && apply.mutate(applying)} data-testid="confirm-apply">
            {t('jobs.send')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
