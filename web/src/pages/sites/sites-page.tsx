import { Badge, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Site } from '../../api/types';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

function SiteCard({ site }: { site: Site }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`site-${site.id}`}>
      <Stack gap="xs">
        <div>
          <Title order={2} size="h4" id={`site-${site.id}`}>
            {site.name}
          </Title>
          <Text size="sm" c="dimmed">
            {site.communeName}
          </Text>
        </div>
        <Group gap="xl">
          <div>
            <Text size="sm" c="dimmed">
              {t('sites.area')}
            </Text>
            <Text fw={700} fz="lg">
              {format.areaM2(site.areaM2)}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('sites.available')}
            </Text>
            <Text fw={700} fz="lg">
              {format.areaM2(site.availableM2)}
            </Text>
          </div>
        </Group>
        {site.description ? <Text size="sm">{site.description}</Text> : null}
        {site.incentives.length > 0 ? (
          <Group gap={4} aria-label={t('sites.incentives')} role="list">
            {site.incentives.map((incentive) => (
              <Badge key={incentive} variant="outline" color="teal.9" tt="none" role="listitem">
                {t(`incentives.${incentive}`, { defaultValue: incentive.replace(/_/g, ' ') })}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The territory's hosting sites with their floor area. */
export function SitesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const sites = useQuery({
    queryKey: ['sites', code],
    queryFn: () => api.sites(code!),
    enabled: code !== null,
  });
  const items = sites.data;
  const totalArea = items?.reduce((sum, site) => sum + site.areaM2, 0) ?? 0;
  const totalAvailable = items?.reduce((sum, site) => sum + site.availableM2, 0) ?? 0;

  return (
    <>
      <PageHeader title={t('sites.title')} description={t('sites.description')} />
      {sites.isError ? (
        <QueryError error={sites.error} onRetry={() => void sites.refetch()} />
      ) : !items ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true" aria-label={t('common.loading')}>
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} h={180} />
          ))}
        </SimpleGrid>
      ) : items.length === 0 ? (
        <EmptyState title={t('sites.emptyTitle')} description={t('sites.empty')} data-testid="sites-empty" />
      ) : (
        <Stack>
          <Text data-testid="sites-summary">
            {t('sites.summary', {
              count: items.length,
              countText: format.number(items.length),
              area: format.areaM2(totalArea),
              available: format.areaM2(totalAvailable),
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {items.map((site) => (
              <SiteCard key={site.id} site={site} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
