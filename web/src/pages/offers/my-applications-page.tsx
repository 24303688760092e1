import { Button, EmptyState, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { CsvLink } from '../../components/csv';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ApplicationStatusBadge } from './badges';

const open = new Set(['applied', 'interview', 'offer']);

/** The candidate's applications and where each stands. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['my-applications'], queryFn: api.myApplications });
  const withdraw = useMutation({
    mutationFn: api.withdrawApplication,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['my-applications'] }),
  });
  return (
    <>
      <PageHeader title={t('myApplications.title')} description={t('myApplications.description')} />
      <Stack>
        <Group justify="flex-end">
          <CsvLink href={api.myApplicationsCsvUrl()} />
        </Group>
        {withdraw.isError ? <Text c="red.8">{errorMessage(t, withdraw.error)}</Text> : null}
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <Skeleton h={160} />
        ) : list.data.length === 0 ? (
          <EmptyState title={t('myApplications.emptyTitle')} description={t('myApplications.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="my-applications">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('offers.offer')}</Table.Th>
                  <Table.Th scope="col">{t('pipeline.status')}</Table.Th>
                  <Table.Th scope="col">{t('pipeline.applied')}</Table.Th>
                  <Table.Th scope="col">{t('myApplications.changed')}</Table.Th>
                  <Table.Th scope="col" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">
                      {a.offerTitle}
                      <Text size="xs" c="dimmed">
                        {a.employerName}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>{format.date(a.createdAt)}</Table.Td>
                    <Table.Td>{format.date(a.statusChangedAt)}</Table.Td>
                    <Table.Td>
                      {open.has(a.status) ? (
                        <Button size="xs" variant="subtle" color="red" loading={withdraw.isPending && withdraw.variables === a.id} onClick={() => withdraw.mutate(a.id)}>
                          {t('myApplications.withdraw')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </>
  );
}
