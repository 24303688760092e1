import {
  Anchor,
  Button,
  Badge,
  EmptyState,
  Group,
  Loader,
  Pagination,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

const pageSize = 20;

function readPage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The advisor's list of the territory's candidates; page and search live in the URL. */
export function CandidatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const [params, setParams] = useSearchParams();
  const page = readPage(params.get('page'));
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);

  // Typing updates the URL (and so the query) once the user pauses; a new search starts at page 1.
  useEffect(() => {
    if (debouncedSearch === q) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debouncedSearch) next.set('q', debouncedSearch);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, q, setParams]);

  const candidates = useQuery({
    queryKey: ['candidates', code, { page, pageSize, q }],
    queryFn: () => api.candidates(code!, { page, pageSize, q: q || undefined }),
    enabled: code !== null,
    placeholderData: keepPreviousData,
  });

  const setPage = (next: number) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next > 1) updated.set('page', String(next));
      else updated.delete('page');
      return updated;
    });

  const data = candidates.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader title={t('candidates.title')} description={t('candidates.description')} />
      <Group gap="xs" mb="md">
        <Button component={Link} to="/candidates/new" size="xs">
          {t('candidateActions.new')}
        </Button>
        <Button component={Link} to="/candidates/import" variant="default" size="xs">
          {t('candidateActions.import')}
        </Button>
        <Button component="a" href={code ? api.candidatesCsvUrl(code) : undefined} download variant="default" size="xs" disabled={!code}>
          {t('candidateActions.export')}
        </Button>
        <Button component={Link} to="/candidates/duplicates" variant="default" size="xs">
          {t('candidateActions.duplicates')}
        </Button>
      </Group>
      <Stack gap="md">
        <Group align="flex-end" justify="space-between" wrap="wrap">
          <TextInput
            type="search"
            label={t('candidates.search')}
            placeholder={t('candidates.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', xs: 360 }}
            rightSection={candidates.isFetching && data ? <Loader size="xs" aria-hidden /> : null}
          />
          {data && data.total > 0 ? (
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="candidates-range">
              {t('candidates.range', { first: format.number(first), last: format.number(last), total: format.number(data.total) })}
            </Text>
          ) : null}
        </Group>

        {candidates.isError ? (
          <QueryError error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : !data ? (
          <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')} data-testid="candidates-loading">
            {Array.from({ length: 6 }, (_, index) => (
              <Skeleton key={index} h={36} />
            ))}
          </Stack>
        ) : data.total === 0 ? (
          <EmptyState
            data-testid="candidates-empty"
            title={q ? t('candidates.emptySearchTitle') : t('candidates.emptyTitle')}
            description={q ? t('candidates.emptySearch', { q }) : t('candidates.empty')}
          />
        ) : (
          <>
            {/* Focusable so keyboard users can scroll the table sideways on a phone. */}
            <Table.ScrollContainer minWidth={600} tabIndex={0} role="region" aria-label={t('candidates.caption')}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-busy={candidates.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>{t('candidates.caption')}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('candidates.name')}</Table.Th>
                    <Table.Th scope="col">{t('candidates.commune')}</Table.Th>
                    <Table.Th scope="col">{t('candidates.languages')}</Table.Th>
                    <Table.Th scope="col">{t('candidates.registered')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((candidate) => (
                    <Table.Tr key={candidate.id}>
                      <Table.Th scope="row" fw={600}>
                        <Anchor component={Link} to={`/candidates/${candidate.id}`}>
                          {candidate.lastName.toLocaleUpperCase()} {candidate.firstName}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        {candidate.communeName}{' '}
                        {candidate.postcode ? (
                          <Text span c="dimmed" size="sm">
                            {candidate.postcode}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {candidate.languages.map((language) => (
                            <Badge key={language.code} variant="light" tt="none">
                              {language.code.toUpperCase()} {language.level}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{format.date(candidate.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {pages > 1 ? (
              <Group justify="center" component="nav" aria-label={t('candidates.pagination')}>
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={setPage}
                  siblings={1}
                  getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                  getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
                />
              </Group>
            ) : null}
          </>
        )}
      </Stack>
    </>
  );
}
