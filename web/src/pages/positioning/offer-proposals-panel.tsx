import { Alert, Badge, EmptyState, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { EmployerProposal } from '../../api/types';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { QueryError } from '../../components/query-error';
import { FitExplanation, Score, unclipped } from './parts';

const statusColor: Record<EmployerProposal['status'], string> = { published: 'violet', accepted: 'green', declined: 'gray' };

/**
 * The candidates the counsellors proposed for an offer (published, then accepted or declined), with
 * why; for the employer, a pseudonymous reference until the candidate accepts.
 */
export function OfferProposalsPanel({ offerId }: { offerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const list = useQuery({ queryKey: ['offer-proposals', offerId], queryFn: () => api.offerProposals(offerId) });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Skeleton h={200} aria-label={t('common.loading')} />;
  const items = list.data;
  return (
    <Stack>
      <Text size="sm" data-testid="offer-proposals-summary">
        {t('offerProposals.summary', { count: items.length })}
      </Text>
      {/* Staff see every identity; the employer sees a reference until the candidate accepts. */}
      {me.role === 'employer' ? (
        <Alert variant="light" color="blue">
          {t('offerProposals.privacy')}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t('offerProposals.emptyTitle')} description={t('offerProposals.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" data-testid="offer-proposals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('shortlist.candidate')}</Table.Th>
                <Table.Th scope="col">{t('offerProposals.score')}</Table.Th>
                <Table.Th scope="col">{t('offerProposals.why')}</Table.Th>
                <Table.Th scope="col">{t('shortlist.distance')}</Table.Th>
                <Table.Th scope="col">{t('offerProposals.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="offer-proposal-row">
                  <Table.Th scope="row">
                    {p.identity ? (
                      <>
                        <Text fw={600} data-testid="candidate-identity">
                          {p.identity.lastName.toLocaleUpperCase()} {p.identity.firstName}
                        </Text>
                        {p.identity.email ? (
                          <Text size="xs" c="dimmed">
                            {p.identity.email}
                          </Text>
                        ) : null}
                      </>
                    ) : (
                      <Text fw={600} ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid="candidate-ref">
                        {p.candidateRef}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Score score={p.score} />
                  </Table.Td>
                  <Table.Td>
                    <FitExplanation parts={p.parts} />
                  </Table.Td>
                  <Table.Td>{format.decimal(p.distanceKm)} km</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[p.status]} variant="light" tt="none" style={unclipped} data-testid="offer-proposal-status">
                      {t(`offerProposals.statuses.${p.status}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {p.answeredAt ? t('offerProposals.answeredOn', { date: format.date(p.answeredAt) }) : t('offerProposals.proposedOn', { date: format.date(p.publishedAt) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
