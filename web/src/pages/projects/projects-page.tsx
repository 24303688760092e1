import {
  Button,
  EmptyState,
  Group,
  Loader,
  NativeSelect,
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
import { projectStages, type ProjectStage } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { StageBadge } from './stage-badge';

const pageSize = 20;

function readPage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

function readStage(value: string | null): ProjectStage | undefined {
  return (projectStages as readonly string[]).includes(value ?? '') ? (value as ProjectStage) : undefined;
}

/** Investor projects of the territory; stage, search and page live in the URL. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const [params, setParams] = useSearchParams();
  const page = readPage(params.get('page'));
  const stage = readStage(params.get('stage'));
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== 'page') next.delete('page');
        return next;
      },
      { replace: name !== 'page' },
    );

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

  const projects = useQuery({
    queryKey: ['projects', code, { page, pageSize, stage, q }],
    queryFn: () => api.projects(code!, { page, pageSize, stage, q: q || undefined }),
    enabled: code !== null,
    placeholderData: keepPreviousData,
  });

  const data = projects.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const isFiltered = Boolean(q || stage);

  return (
    <>
      <PageHeader title={t('projects.title')} description={t('projects.description')} />
      <Stack gap="md">
        <Group align="flex-end" justify="space-between" wrap="wrap">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="search"
              label={t('projects.search')}
              placeholder={t('projects.searchPlaceholder')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              w={{ base: '100%', xs: 280 }}
              rightSection={projects.isFetching && data ? <Loader size="xs" aria-hidden /> : null}
            />
            <NativeSelect
              label={t('projects.stageFilter')}
              value={stage ?? ''}
              onChange={(event) => setParam('stage', event.currentTarget.value || undefined)}
              data={[{ value: '', label: t('projects.allStages') }, ...projectStages.map((s) => ({ value: s, label: t(`projects.stages.${s}`) }))]}
              data-testid="stage-filter"
            />
          </Group>
          <Button component={Link} to="/projects/new">
            {t('projects.new')}
          </Button>
        </Group>

        {projects.isError ? (
          <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
        ) : !data ? (
          <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
            {Array.from({ length: 4 }, (_, index) => (
              <Skeleton key={index} h={36} />
            ))}
          </Stack>
        ) : data.total === 0 ? (
          <EmptyState
            data-testid="projects-empty"
            title={isFiltered ? t('projects.emptySearchTitle') : t('projects.emptyTitle')}
            description={isFiltered ? t('projects.emptySearch') : t('projects.empty')}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="projects-total">
              {t('projects.count', { count: data.total, countText: format.number(data.total) })}
            </Text>
            <Table.ScrollContainer minWidth={720} tabIndex={0} role="region" aria-label={t('projects.caption')}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-busy={projects.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>{t('projects.caption')}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('projects.company')}</Table.Th>
                    <Table.Th scope="col">{t('projects.stage')}</Table.Th>
                    <Table.Th scope="col">{t('projects.activity')}</Table.Th>
                    <Table.Th scope="col">{t('projects.jobsAnnounced')}</Table.Th>
                    <Table.Th scope="col">{t('projects.goLiveOn')}</Table.Th>
                    <Table.Th scope="col">{t('projects.updatedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((project) => (
                    <Table.Tr key={project.id}>
                      <Table.Th scope="row" fw={600}>
                        <Link to={`/projects/${project.id}`}>{project.companyName}</Link>
                        {project.employerName ? (
                          <Text size="sm" c="dimmed">
                            {project.employerName}
                          </Text>
                        ) : null}
                      </Table.Th>
                      <Table.Td>
                        <StageBadge stage={project.stage} />
                      </Table.Td>
                      <Table.Td>{t(`projects.activities.${project.activity}`)}</Table.Td>
                      <Table.Td>{project.jobsAnnounced === null ? '—' : format.number(project.jobsAnnounced)}</Table.Td>
                      <Table.Td>{project.goLiveOn ? format.date(project.goLiveOn) : '—'}</Table.Td>
                      <Table.Td>{format.date(project.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {pages > 1 ? (
              <Group justify="center" component="nav" aria-label={t('projects.pagination')}>
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={(next) => setParam('page', next > 1 ? String(next) : undefined)}
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
