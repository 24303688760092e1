import { Anchor, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/guichet';
import type { Project } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ForecastPanel } from './forecast-panel';
import { ProjectDetailsForm } from './project-details-form';
import { SizingPanel } from './sizing-panel';
import { StageBadge } from './stage-badge';
import { StagePanel } from './stage-panel';

const tabs = ['sizing', 'forecast', 'details', 'stage'] as const;
type Tab = (typeof tabs)[number];

/** One investor project: its sizing, forecast, details and pipeline stage, one tab each (the tab is in the URL). */
export function ProjectPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const project = useQuery({
    queryKey: ['project', code, id],
    queryFn: () => api.project(code!, id),
    enabled: code !== null && id !== '',
  });
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'sizing';
  const setTab = (next: string | null) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('tab', next ?? 'sizing');
        return updated;
      },
      { replace: true },
    );

  /** A saved project replaces the cached one; lists show it again from the server. */
  const onSaved = (saved: Project) => {
    queryClient.setQueryData(['project', code, id], saved);
    void queryClient.invalidateQueries({ queryKey: ['projects', code] });
  };

  if (project.isError) {
    return (
      <>
        <PageHeader title={t('projects.title')} />
        <QueryError error={project.error} onRetry={() => void project.refetch()} />
      </>
    );
  }
  const p = project.data;
  if (!p) {
    return (
      <Stack aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton h={48} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }

  return (
    <>
      <Anchor component={Link} to="/projects" size="sm">
        {t('projects.backToList')}
      </Anchor>
      <PageHeader
        title={p.companyName}
        description={
          <Group gap="xs" component="span">
            <StageBadge stage={p.stage} testId="project-stage" />
            <Text span c="dimmed">
              {[
                t(`projects.activities.${p.activity}`),
                p.employerName,
                p.jobsAnnounced === null ? null : t('projects.jobsCount', { count: p.jobsAnnounced, countText: format.number(p.jobsAnnounced) }),
                p.goLiveOn ? t('projects.goLiveAt', { date: format.date(p.goLiveOn) }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Group>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name} data-testid={`tab-${name}`}>
              {t(`projects.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="sizing">
          {/* keyed by the last save: the what-if sliders start again from the saved values */}
          <SizingPanel key={p.updatedAt} project={p} onEditForecast={() => setTab('forecast')} />
        </Tabs.Panel>
        <Tabs.Panel value="forecast">
          <ForecastPanel
            project={p}
            onSaved={(saved) => {
              onSaved(saved);
              setTab('sizing');
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <ProjectDetailsForm project={p} onSaved={onSaved} />
        </Tabs.Panel>
        <Tabs.Panel value="stage">
          <StagePanel project={p} onSaved={onSaved} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
