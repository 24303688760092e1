import { Anchor, Badge, Button, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/guichet';
import type { OfferInput } from '../../api/types';
import { canOpen } from '../../app/access';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { OfferProposalsPanel } from '../positioning/offer-proposals-panel';
import { Languages, OfferStatusBadge } from './badges';
import { OfferForm } from './offer-form';
import { Pipeline } from './pipeline';
import { ShortlistPanel } from './shortlist-panel';
import { StagesPanel } from './stages-panel';

/** One offer for its employer or staff: shortlist, application pipeline, proposed candidates, details and stages. */
export function OfferPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const offer = useQuery({ queryKey: ['offer', id], queryFn: () => api.offer(id) });
  const update = useMutation({
    mutationFn: (body: OfferInput) => api.updateOffer(id, body),
    onSuccess: (o) => {
      queryClient.setQueryData(['offer', id], o);
      void queryClient.invalidateQueries({ queryKey: ['offers'] });
    },
  });
  if (offer.isError) return <QueryError error={offer.error} onRetry={() => void offer.refetch()} />;
  if (!offer.data) return <Skeleton h={300} />;
  const o = offer.data;
  const canEdit = canOpen(me.role, 'offerEdit');
  return (
    <>
      <Anchor component={Link} to="/offers" size="sm">
        ← {t('offers.back')}
      </Anchor>
      <PageHeader
        title={o.title}
        description={
          <Group gap="xs" component="span">
            <OfferStatusBadge status={o.status} />
            <span>
              {o.employerName} · {o.siteName} · {t(`contracts.${o.contract}`)} · {t(`workTimes.${o.workTime}`)} · {t('offers.startsOn', { date: format.date(o.startDate) })} ·{' '}
              {t('offers.seatsValue', { count: o.seats })}
            </span>
          </Group>
        }
      />
      <Group mb="md" gap="xl">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('offers.occupation')}
          </Text>
          <Text size="sm">
            {o.occupation.code} {o.occupation.label} · ISCO-08 {o.occupation.isco08}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('offers.languages')}
          </Text>
          <Languages languages={o.languages} />
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('offers.minScores')}
          </Text>
          <Group gap={4}>
            {Object.entries(o.minScores).length === 0 ? <Text size="sm">—</Text> : null}
            {Object.entries(o.minScores).map(([pillar, value]) => (
              <Badge key={pillar} variant="light" tt="none">
                {t(`pillars.${pillar}`)} ≥ {value}
              </Badge>
            ))}
          </Group>
        </Stack>
        {o.counts ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('offers.applications')}
            </Text>
            <Text size="sm">{t('offers.countsValue', { applications: o.counts.applications, hired: o.counts.hired })}</Text>
          </Stack>
        ) : null}
      </Group>
      <Tabs defaultValue="shortlist" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="shortlist" data-testid="tab-shortlist">
            {t('offers.tabShortlist')}
          </Tabs.Tab>
          <Tabs.Tab value="pipeline" data-testid="tab-pipeline">
            {t('offers.tabPipeline')}
          </Tabs.Tab>
          <Tabs.Tab value="proposals" data-testid="tab-proposals">
            {t('offers.tabProposals')}
          </Tabs.Tab>
          {canEdit ? <Tabs.Tab value="details">{t('offers.tabDetails')}</Tabs.Tab> : null}
          {canEdit ? <Tabs.Tab value="stages">{t('offers.tabStages')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="shortlist">
          <ShortlistPanel offerId={o.id} />
        </Tabs.Panel>
        <Tabs.Panel value="pipeline">
          <Pipeline offer={o} />
        </Tabs.Panel>
        <Tabs.Panel value="proposals">
          <OfferProposalsPanel offerId={o.id} />
        </Tabs.Panel>
        {canEdit ? (
          <Tabs.Panel value="details">
            <OfferForm initial={o} submitLabel={t('offerForm.save')} pending={update.isPending} error={update.error} onSubmit={(body) => update.mutate(body)} />
            {update.isSuccess ? (
              <Text c="teal.9" mt="sm" role="status">
                {t('offerForm.saved')}
              </Text>
            ) : null}
          </Tabs.Panel>
        ) : null}
        {canEdit ? (
          <Tabs.Panel value="stages">
            <StagesPanel employerId={o.employerId} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <Group mt="lg">
        <Button component="a" href="/api/docs" target="_blank" variant="subtle" size="xs">
          {t('offers.apiDocs')}
        </Button>
      </Group>
    </>
  );
}
