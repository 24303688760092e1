import { Alert, EmptyState, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { CsvLink } from '../../components/csv';
import { QueryError } from '../../components/query-error';
import { ApplicationStatusBadge, FitScore } from './badges';

/** Candidates ranked by fit score with the explained parts; identities only once disclosed. */
export function ShortlistPanel({ offerId }: { offerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({ queryKey: ['shortlist', offerId], queryFn: () => api.shortlist(offerId, 20) });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Skeleton h={240} aria-label={t('common.loading')} />;
  const data = list.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" data-testid="shortlist-summary">
          {t('shortlist.summary', { eligible: format.number(data.eligible), considered: format.number(data.considered), shown: data.items.length })}
        </Text>
        <CsvLink href={api.shortlistCsvUrl(offerId)} />
      </Group>
      <Alert variant="light" color="blue">
        {t('shortlist.privacy')}
      </Alert>
      {data.items.length === 0 ? (
        <EmptyState title={t('shortlist.emptyTitle')} description={t('shortlist.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm" data-testid="shortlist">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('shortlist.candidate')}</Table.Th>
                <Table.Th scope="col">{t('shortlist.score')}</Table.Th>
                <Table.Th scope="col">{t('shortlist.distance')}</Table.Th>
                <Table.Th scope="col">{t('shortlist.application')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((item, k) => (
                <Table.Tr key={item.candidateRef} data-testid="shortlist-row">
                  <Table.Td>{k + 1}</Table.Td>
                  <Table.Th scope="row">
                    {item.identity ? (
                      <Text fw={600} data-testid="candidate-identity">
                        {item.identity.lastName.toLocaleUpperCase()} {item.identity.firstName}
                      </Text>
                    ) : (
                      <Text fw={600} ff="monospace" data-testid="candidate-ref">
                        {item.candidateRef}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <FitScore score={item.score} parts={item.parts} />
                  </Table.Td>
                  <Table.Td>{format.decimal(item.distanceKm)} km</Table.Td>
                  <Table.Td>{item.application ? <ApplicationStatusBadge status={item.application.status} /> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
