import { Alert, Badge, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Dashboard } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { StatCard } from '../../components/stat-card';

function JobsCard({ jobs, jobsTarget }: { jobs: number; jobsTarget: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = jobsTarget ? Math.round((jobs / jobsTarget) * 100) : null;
  return (
    <StatCard label={t('dashboard.jobs')} value={format.number(jobs)} testId="count-jobs">
      {jobsTarget !== null && percent !== null ? (
        <>
          <Text size="sm">
            {t('dashboard.jobsTarget')}{' '}
            <Text span fw={600} data-testid="count-jobsTarget">
              {format.number(jobsTarget)}
            </Text>{' '}
            ({t('dashboard.percentOfTarget', { percent: format.number(percent) })})
          </Text>
          <Progress
            value={Math.min(100, percent)}
            size="lg"
            aria-label={t('dashboard.jobsProgress')}
            aria-valuetext={t('dashboard.jobsProgressText', {
              jobs: format.number(jobs),
              target: format.number(jobsTarget),
            })}
            color={percent >= 100 ? 'teal.8' : 'blue.8'}
          />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('dashboard.noTarget')}
        </Text>
      )}
    </StatCard>
  );
}

function DashboardCards({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { counts, territory } = dashboard;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
        <StatCard label={t('dashboard.candidates')} value={format.number(counts.candidates)} testId="count-candidates" />
        <StatCard label={t('dashboard.sites')} value={format.number(counts.sites)} testId="count-sites">
          <Text size="sm">
            {t('dashboard.siteArea')}{' '}
            <Text span fw={600} data-testid="count-siteAreaM2">
              {format.areaM2(counts.siteAreaM2)}
            </Text>
          </Text>
        </StatCard>
        <StatCard
          label={t('dashboard.callCentres')}
          value={format.number(counts.callCentres)}
          testId="count-callCentres"
        />
        <JobsCard jobs={counts.jobs} jobsTarget={counts.jobsTarget} />
        <StatCard label={t('dashboard.communes')} value={format.number(counts.communes)} testId="count-communes" />
      </SimpleGrid>
      <Paper withBorder p="md" component="section" aria-labelledby="territory-facts">
        <Text id="territory-facts" fw={700} mb="sm">
          {t('dashboard.territoryFacts')}
        </Text>
        <Group gap="xl" wrap="wrap">
          <Fact label={t('territory.country')} value={t(`countries.${territory.country}`)} />
          <Fact label={t('territory.currency')} value={territory.currency} />
          <Fact
            label={t('territory.contractHours')}
            value={t('territory.hoursPerWeek', { hours: format.number(territory.contractHoursPerWeek) })}
          />
          <Fact label={t('territory.timezone')} value={territory.timezone} />
          <div>
            <Text size="sm" c="dimmed">
              {t('territory.languages')}
            </Text>
            <Group gap={4} mt={2}>
              {territory.languages.map((language) => (
                <Badge key={language} variant="outline" tt="none">
                  {t(`languageNames.${language}`, { defaultValue: language })}
                </Badge>
              ))}
            </Group>
          </div>
        </Group>
      </Paper>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

export function TerritoryDashboard() {
  const { t } = useTranslation();
  const { code, territory } = useTerritory();
  const dashboard = useQuery({
    queryKey: ['dashboard', code],
    queryFn: () => api.dashboard(code!),
    enabled: code !== null,
  });
  const name = dashboard.data?.territory.name ?? territory?.name;

  return (
    <>
      <PageHeader
        title={name ? t('dashboard.titleWithTerritory', { territory: name }) : t('dashboard.title')}
        description={t('dashboard.description')}
      />
      {code === null && !dashboard.isLoading ? (
        <Alert color="gray">{t('territory.none')}</Alert>
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data ? (
        <DashboardCards dashboard={dashboard.data} />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} aria-busy="true" aria-label={t('common.loading')}>
          {Array.from({ length: 5 }, (_, index) => (
            <Skeleton key={index} h={120} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
