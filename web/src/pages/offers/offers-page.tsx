import { Anchor, Button, EmptyState, Group, NativeSelect, Pagination, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/guichet';
import { canOpen } from '../../app/access';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { useTerritory } from '../../app/territory';
import { CsvLink } from '../../components/csv';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { OfferStatusBadge } from './badges';

const pageSize = 20;

/** Employers' own offers, or every offer of the territory for staff, with their applications. */
export function OffersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { code } = useTerritory();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query = { page, pageSize, q: q || undefined, status: status || undefined };
  const offers = useQuery({ queryKey: ['offers', code, query], queryFn: () => api.offers(code!, query), enabled: code !== null, placeholderData: keepPreviousData });
  const data = offers.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <>
      <PageHeader title={t('offers.title')} description={t('offers.description')} />
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <TextInput type="search" label={t('offers.search')} value={search} onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))} w={280} />
            <NativeSelect
              label={t('offers.status')}
              value={status}
              onChange={(e) => (setStatus(e.currentTarget.value), setPage(1))}
              data={[{ value: '', label: t('offers.allStatuses') }, ...(['open', 'draft', 'closed'] as const).map((s) => ({ value: s, label: t(`offerStatus.${s}`) }))]}
            />
          </Group>
          <Group>
            {code ? <CsvLink href={api.offersCsvUrl(code, { q: query.q, status: query.status })} testId="offers-csv" /> : null}
            {canOpen(me.role, 'offerEdit') ? (
              <>
                <Button component={Link} to="/offers/import" variant="default">
                  {t('offers.import')}
                </Button>
                <Button component={Link} to="/offers/new" data-testid="new-offer">
                  {t('offers.new')}
                </Button>
              </>
            ) : null}
          </Group>
        </Group>
        {offers.isError ? (
          <QueryError error={offers.error} onRetry={() => void offers.refetch()} />
        ) : !data ? (
          <Skeleton h={200} />
        ) : data.total === 0 ? (
          <EmptyState title={t('offers.emptyTitle')} description={t('offers.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('offers.offer')}</Table.Th>
                  <Table.Th scope="col">{t('offers.site')}</Table.Th>
                  <Table.Th scope="col">{t('offers.contract')}</Table.Th>
                  <Table.Th scope="col">{t('offers.start')}</Table.Th>
                  <Table.Th scope="col">{t('offers.seats')}</Table.Th>
                  <Table.Th scope="col">{t('offers.applications')}</Table.Th>
                  <Table.Th scope="col">{t('offers.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/offers/${o.id}`} fw={600}>
                        {o.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {o.employerName} · {o.occupation.code} {o.occupation.label}
                      </Text>
                    </Table.Th>
                    <Table.Td>{o.siteName}</Table.Td>
                    <Table.Td>
                      {t(`contracts.${o.contract}`)} · {t(`workTimes.${o.workTime}`)}
                    </Table.Td>
                    <Table.Td>{format.date(o.startDate)}</Table.Td>
                    <Table.Td>{o.seats}</Table.Td>
                    <Table.Td>
                      {o.counts ? t('offers.countsValue', { applications: o.counts.applications, hired: o.counts.hired }) : '—'}
                    </Table.Td>
                    <Table.Td>
                      <OfferStatusBadge status={o.status} />
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
      </Stack>
    </>
  );
}
