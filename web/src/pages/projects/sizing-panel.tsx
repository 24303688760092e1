import {
  Accordion,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Slider,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { weekdays, type Project, type Sizing } from '../../api/types';
import { useFormat } from '../../app/format';
import { QueryError } from '../../components/query-error';
import { StatCard } from '../../components/stat-card';
import { resize, savedWhatIf, type WhatIf } from './what-if';

const SizingCharts = lazy(() => import('./sizing-charts'));

/** The figures both the API's sizing and the browser's what-if produce. */
type Figures = Pick<Sizing, 'model' | 'weeklyCalls' | 'intervals' | 'week' | 'peak' | 'peakAgents' | 'scheduledPeak' | 'fte' | 'headcount' | 'seats' | 'floorAreaM2' | 'sweep' | 'hiring'>;

function useIntervalLabel() {
  const { t } = useTranslation();
  return (weekday: number, start: string) => `${t(`projects.weekdaysShort.${weekdays[weekday - 1]}`)} ${start}`;
}

function Delta({ saved, value, format }: { saved: number; value: number; format: (v: number) => string }) {
  const difference = value - saved;
  if (Math.abs(difference) < 1e-9) return null;
  return (
    <Text span size="sm" c={difference > 0 ? 'red.9' : 'teal.9'} ml={6}>
      ({difference > 0 ? '+' : '−'}
      {format(Math.abs(difference))})
    </Text>
  );
}

function WhatIfPanel(props: { project: Project; sizing: Sizing; whatIf: WhatIf; onChange: (next: WhatIf) => void; result: Figures | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { sizing, whatIf, result } = props;
  const shown = result ?? sizing;
  const rows: { key: string; label: string; saved: number; value: number; format: (v: number) => string }[] = [
    { key: 'peakAgents', label: t('projects.sizing.peakAgents'), saved: sizing.peakAgents, value: shown.peakAgents, format: format.number },
    { key: 'fte', label: t('projects.sizing.fte'), saved: sizing.fte, value: shown.fte, format: format.decimal },
    { key: 'seats', label: t('projects.sizing.seats'), saved: sizing.seats, value: shown.seats, format: format.number },
    { key: 'floorAreaM2', label: t('projects.sizing.floorArea'), saved: sizing.floorAreaM2, value: shown.floorAreaM2, format: format.areaM2 },
  ];
  const saved = savedWhatIf(props.project);
  const isChanged = result !== null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="what-if-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="what-if-heading">
          {t('projects.whatIf.title')}
        </Title>
        <Button size="xs" variant="default" disabled={!isChanged} onClick={() => props.onChange(saved)}>
          {t('projects.whatIf.reset')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('projects.whatIf.description')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="lg">
          <div>
            <Text size="sm" fw={600} id="what-if-aht">
              {t('projects.whatIf.aht', { seconds: whatIf.ahtSeconds })}
            </Text>
            <Slider
              aria-labelledby="what-if-aht"
              min={30}
              max={1200}
              step={5}
              value={whatIf.ahtSeconds}
              onChange={(ahtSeconds) => props.onChange({ ...whatIf, ahtSeconds })}
              label={(v) => `${v} s`}
              data-testid="what-if-aht"
            />
          </div>
          <div>
            <Text size="sm" fw={600} id="what-if-sl">
              {t('projects.whatIf.serviceLevel', { percent: format.percent(whatIf.serviceLevel), seconds: props.project.targetAnswerSeconds })}
            </Text>
            <Slider
              aria-labelledby="what-if-sl"
              min={0.5}
              max={0.99}
              step={0.01}
              value={whatIf.serviceLevel}
              onChange={(serviceLevel) => props.onChange({ ...whatIf, serviceLevel })}
              label={(v) => format.percent(v)}
              data-testid="what-if-sl"
            />
          </div>
          <div>
            <Text size="sm" fw={600} id="what-if-shrinkage">
              {t('projects.whatIf.shrinkage', { percent: format.percent(whatIf.shrinkage) })}
            </Text>
            <Slider
              aria-labelledby="what-if-shrinkage"
              min={0}
              max={0.6}
              step={0.01}
              value={whatIf.shrinkage}
              onChange={(shrinkage) => props.onChange({ ...whatIf, shrinkage })}
              label={(v) => format.percent(v)}
              data-testid="what-if-shrinkage"
            />
          </div>
        </Stack>
        <Table aria-live="polite" data-testid="what-if-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('projects.whatIf.figure')}</Table.Th>
              <Table.Th scope="col">{t('projects.whatIf.saved')}</Table.Th>
              <Table.Th scope="col">{t('projects.whatIf.simulated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{row.format(row.saved)}</Table.Td>
                <Table.Td data-testid={`what-if-${row.key}`}>
                  {row.format(row.value)}
                  <Delta saved={row.saved} value={row.value} format={row.format} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Paper>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function HiringPlan({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { hiring } = figures;
  const first = hiring.weeks[0];
  return (
    <Section title={t('projects.hiring.title')} id="hiring-heading">
      <Text size="sm" mb="sm" data-testid="hiring-summary">
        {t(first?.startsOn ? 'projects.hiring.summary' : 'projects.hiring.summaryUndated', {
          headcount: format.number(figures.headcount),
          start: first?.startsOn ? format.date(first.startsOn) : '',
          weeks: first ? -first.week : 0,
          steady: format.decimal(hiring.steadyWeeklyHires),
          training: format.decimal(hiring.peakInTraining),
        })}
      </Text>
      <Table.ScrollContainer minWidth={560} tabIndex={0} role="region" aria-label={t('projects.hiring.title')}>
        <Table striped verticalSpacing={4} data-testid="hiring-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('projects.hiring.weekColumn')}</Table.Th>
              <Table.Th scope="col">{t('projects.hiring.startsOn')}</Table.Th>
              <Table.Th scope="col">{t('projects.hiring.hires')}</Table.Th>
              <Table.Th scope="col">{t('projects.hiring.inTraining')}</Table.Th>
              <Table.Th scope="col">{t('projects.hiring.leavers')}</Table.Th>
              <Table.Th scope="col">{t('projects.hiring.inPost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hiring.weeks.map((w) => (
              <Table.Tr key={w.week} fw={w.week === 0 ? 700 : undefined}>
                <Table.Th scope="row" fw="inherit">
                  {w.week === 0 ? t('projects.hiring.goLive') : t('projects.hiring.week', { week: w.week > 0 ? `+${w.week}` : String(w.week) })}
                </Table.Th>
                <Table.Td>{w.startsOn ? format.date(w.startsOn) : '—'}</Table.Td>
                <Table.Td>{format.number(w.hiresRounded)}</Table.Td>
                <Table.Td>{format.decimal(w.inTraining)}</Table.Td>
                <Table.Td>{format.decimal(w.leavers)}</Table.Td>
                <Table.Td>{format.decimal(w.inPost)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

/** The sizing of a project: figures, what-if sliders, charts, hiring plan and sites that fit. */
export function SizingPanel({ project, onEditForecast }: { project: Project; onEditForecast: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useIntervalLabel();
  const sizing = useQuery({
    // updatedAt in the key: any saved change to the project sizes it again
    queryKey: ['project-sizing', project.territoryCode, project.id, project.updatedAt],
    queryFn: () => api.projectSizing(project.territoryCode, project.id),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
  const [whatIf, setWhatIf] = useState<WhatIf>(() => savedWhatIf(project));
  const deferred = useDeferredValue(whatIf);
  const saved = savedWhatIf(project);
  const isChanged = deferred.ahtSeconds !== saved.ahtSeconds || deferred.serviceLevel !== saved.serviceLevel || deferred.shrinkage !== saved.shrinkage;
  const data = sizing.data;
  const simulated = useMemo(
    () => (data && isChanged && data.intervalMinutes === project.intervalMinutes ? resize(project, data, deferred) : null),
    [data, isChanged, project, deferred],
  );

  if (sizing.isError) {
    if (isApiError(sizing.error) && sizing.error.code === 'forecast_missing') {
      return (
        <EmptyState data-testid="sizing-no-forecast" title={t('projects.sizing.noForecastTitle')} description={t('projects.sizing.noForecast')}>
          <Button onClick={onEditForecast}>{t('projects.sizing.enterForecast')}</Button>
        </EmptyState>
      );
    }
    return <QueryError error={sizing.error} onRetry={() => void sizing.refetch()} />;
  }
  if (!data) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton h={96} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  const figures: Figures = simulated ?? data;
  const peakLabel = data.peak ? label(data.peak.weekday, data.peak.start) : '—';
  const chartIntervals = figures.intervals;

  return (
    <Stack gap="lg" data-testid="sizing">
      <Group gap="xs">
        <Badge variant="light" tt="none" data-testid="sizing-model">
          {t(`projects.sizing.models.${data.model}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('projects.sizing.basis', {
            calls: format.number(Math.round(data.weeklyCalls)),
            interval: data.intervalMinutes,
            hours: format.decimal(data.contractHoursPerWeek),
          })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <StatCard label={t('projects.sizing.peakAgents')} value={format.number(data.peakAgents)} testId="sizing-peakAgents">
          <Text size="sm" c="dimmed">
            {data.peak ? t('projects.sizing.peakAt', { interval: peakLabel, calls: format.decimal(data.peak.calls) }) : null}
          </Text>
        </StatCard>
        <StatCard label={t('projects.sizing.scheduledPeak')} value={format.decimal(data.scheduledPeak)} testId="sizing-scheduledPeak">
          <Text size="sm" c="dimmed">
            {t('projects.sizing.shrinkageNote', { percent: format.percent(project.shrinkage) })}
          </Text>
        </StatCard>
        <StatCard label={t('projects.sizing.fte')} value={format.decimal(data.fte)} testId="sizing-fte">
          <Text size="sm" c="dimmed">
            {t('projects.sizing.headcount', { count: data.headcount, countText: format.number(data.headcount) })}
          </Text>
        </StatCard>
        <StatCard label={t('projects.sizing.seats')} value={format.number(data.seats)} testId="sizing-seats" />
        <StatCard label={t('projects.sizing.floorArea')} value={format.areaM2(data.floorAreaM2)} testId="sizing-floorAreaM2">
          <Text size="sm" c="dimmed">
            {t('projects.sizing.m2PerSeat', { m2: format.decimal(project.m2PerSeat) })}
          </Text>
        </StatCard>
        <StatCard
          label={t('projects.sizing.weekServiceLevel')}
          value={data.week.serviceLevel === null ? '—' : format.percent(data.week.serviceLevel)}
          testId="sizing-weekServiceLevel"
        >
          <Text size="sm" c="dimmed">
            {[
              data.week.asaSeconds === null ? null : t('projects.sizing.asa', { seconds: format.decimal(data.week.asaSeconds) }),
              data.week.occupancy === null ? null : t('projects.sizing.occupancy', { percent: format.percent(data.week.occupancy) }),
              data.week.abandonRate === null ? null : t('projects.sizing.abandon', { percent: format.percent(data.week.abandonRate) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </StatCard>
      </SimpleGrid>

      <WhatIfPanel project={project} sizing={data} whatIf={whatIf} onChange={setWhatIf} result={simulated} />

      <Suspense fallback={<Skeleton h={360} aria-label={t('common.loading')} />}>
        <SizingCharts
          labels={chartIntervals.map((i) => label(i.weekday, i.start))}
          calls={chartIntervals.map((i) => i.calls)}
          agents={chartIntervals.map((i) => i.agents)}
          sweep={figures.sweep}
          serviceLevelTarget={simulated ? deferred.serviceLevel : project.serviceLevel}
          peakAgents={figures.peakAgents}
          peakLabel={figures.peak ? label(figures.peak.weekday, figures.peak.start) : '—'}
        />
      </Suspense>

      <Accordion variant="contained">
        <Accordion.Item value="intervals">
          <Accordion.Control>{t('projects.sizing.intervalsTable', { count: figures.intervals.length })}</Accordion.Control>
          <Accordion.Panel>
            <Table.ScrollContainer minWidth={640} tabIndex={0} role="region" aria-label={t('projects.sizing.intervalsChart')}>
              <Table striped verticalSpacing={2} data-testid="intervals-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('projects.sizing.interval')}</Table.Th>
                    <Table.Th scope="col">{t('projects.sizing.callsSeries')}</Table.Th>
                    <Table.Th scope="col">{t('projects.sizing.agentsSeries')}</Table.Th>
                    <Table.Th scope="col">{t('projects.sizing.serviceLevel')}</Table.Th>
                    <Table.Th scope="col">{t('projects.sizing.asaColumn')}</Table.Th>
                    <Table.Th scope="col">{t('projects.sizing.occupancyColumn')}</Table.Th>
                    {figures.model === 'erlang-a' ? <Table.Th scope="col">{t('projects.sizing.abandonColumn')}</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {figures.intervals.map((i) => (
                    <Table.Tr key={`${i.weekday}-${i.start}`}>
                      <Table.Th scope="row">{label(i.weekday, i.start)}</Table.Th>
                      <Table.Td>{format.decimal(i.calls)}</Table.Td>
                      <Table.Td>{format.number(i.agents)}</Table.Td>
                      <Table.Td>{format.percent(i.serviceLevel)}</Table.Td>
                      <Table.Td>{i.asaSeconds === null ? '—' : `${format.decimal(i.asaSeconds)} s`}</Table.Td>
                      <Table.Td>{format.percent(i.occupancy)}</Table.Td>
                      {figures.model === 'erlang-a' ? <Table.Td>{i.abandonRate === null ? '—' : format.percent(i.abandonRate)}</Table.Td> : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>

      <HiringPlan figures={figures} />

      <Section title={t('projects.sites.title', { area: format.areaM2(data.floorAreaM2) })} id="sites-heading">
        {data.suggestedSites.length === 0 ? (
          <Text data-testid="sites-none">{t('projects.sites.none')}</Text>
        ) : (
          <Stack gap="xs" component="ol" style={{ paddingLeft: 20, margin: 0 }} data-testid="suggested-sites">
            {data.suggestedSites.map((site) => (
              <li key={site.id}>
                <Text fw={600} span>
                  {site.name}
                </Text>{' '}
                <Text span c="dimmed" size="sm">
                  {site.communeName ?? ''} · {t('projects.sites.available', { available: format.areaM2(site.availableM2), area: format.areaM2(site.areaM2) })}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}
