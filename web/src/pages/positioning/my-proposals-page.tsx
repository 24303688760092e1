import { Alert, Anchor, Badge, Button, EmptyState, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/guichet';
import type { CandidateProposal } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { FitExplanation, Score, unclipped } from './parts';

const answeredColor = { published: 'violet', accepted: 'green', declined: 'gray' } as const;

function ProposalCard({ proposal, onAccept, onDecline, accepting }: { proposal: CandidateProposal; onAccept: () => void; onDecline: () => void; accepting: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = proposal;
  const title = p.kind === 'session' ? (p.session?.title ?? '') : (p.offer?.title ?? '');
  const titleId = `proposal-title-${p.id}`;
  return (
    <Paper withBorder p="lg" component="article" aria-labelledby={titleId} data-testid="my-proposal" data-proposal-id={p.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Badge size="sm" variant="light" color={p.kind === 'session' ? 'grape' : 'blue'} tt="none" style={unclipped}>
              {p.kind === 'session' ? t('myProposals.kindSession') : t('myProposals.kindOffer')}
            </Badge>
            <Title order={2} size="h4" id={titleId}>
              {title}
            </Title>
          </Stack>
          <Badge color={answeredColor[p.status]} variant="light" tt="none" style={{ ...unclipped, flexShrink: 0 }} data-testid="my-proposal-status" data-status={p.status}>
            {t(`myProposals.status.${p.status}`)}
          </Badge>
        </Group>
        {p.offer ? (
          <Text size="sm" c="dimmed">
            {p.offer.employerName} · {p.offer.siteName} · {t(`contracts.${p.offer.contract}`)} · {t(`workTimes.${p.offer.workTime}`)} ·{' '}
            {t('offers.startsOn', { date: format.date(p.offer.startDate) })}
          </Text>
        ) : null}
        {p.session ? (
          <Text size="sm" c="dimmed">
            {p.session.trainingBodyName} · {format.date(p.session.startsOn)} → {format.date(p.session.endsOn)} · {t(`sessionMode.${p.session.mode}`)}
          </Text>
        ) : null}
        {p.kind === 'session' && p.targetOffer ? (
          <Alert variant="light" color="grape" p="xs" data-testid="my-proposal-opens">
            {t('myProposals.opens', { title: p.targetOffer.title, employer: p.targetOffer.employerName, date: format.date(p.targetOffer.startDate) })}
          </Alert>
        ) : null}
        <Group gap="lg">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('myProposals.fit')}
            </Text>
            <Score score={p.score} />
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('myProposals.distance')}
            </Text>
            <Text size="sm">{format.decimal(p.distanceKm)} km</Text>
          </Stack>
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('myProposals.why')}
          </Text>
          <FitExplanation parts={p.parts} closes={p.closes} />
        </Stack>
        {p.status === 'published' ? (
          <Stack gap={6}>
          <Text size="xs" c="dimmed">
            {p.kind === 'session' ? t('myProposals.acceptHintSession') : t('myProposals.acceptHintOffer')}
          </Text>
          <Group>
            <Button loading={accepting} onClick={onAccept} aria-label={t('myProposals.acceptFor', { title })} data-testid="accept-proposal">
              {t('myProposals.accept')}
            </Button>
            <Button variant="default" onClick={onDecline} aria-label={t('myProposals.declineFor', { title })} data-testid="decline-proposal">
              {t('myProposals.decline')}
            </Button>
          </Group>
          </Stack>
        ) : (
          <Stack gap={4} data-testid="my-proposal-answer">
            <Text size="sm">
              {p.status === 'accepted' ? t('myProposals.acceptedOn', { date: format.dateTime(p.answeredAt ?? p.publishedAt) }) : t('myProposals.declinedOn', { date: format.dateTime(p.answeredAt ?? p.publishedAt) })}
            </Text>
            {p.status === 'declined' && p.declineReason ? (
              <Text size="sm" c="dimmed">
                « {p.declineReason} »
              </Text>
            ) : null}
            {p.applicationId ? (
              <Anchor component={Link} to="/applications" size="sm">
                {t('myProposals.seeApplication')}
              </Anchor>
            ) : null}
            {p.enrolment ? <Text size="sm">{t('myProposals.enrolment', { status: t(`enrolmentStatus.${p.enrolment.status}`) })}</Text> : null}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {t('myProposals.publishedOn', { date: format.date(p.publishedAt) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The offers and training places the counsellors proposed to the candidate, with why; they accept or decline. */
export function MyProposalsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['my-proposals'], queryFn: api.myProposals });
  const [declining, setDeclining] = useState<CandidateProposal | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['my-proposals'] });
    void queryClient.invalidateQueries({ queryKey: ['my-applications'] });
  };
  const accept = useMutation({ mutationFn: (id: string) => api.answerProposal(id, { decision: 'accept' }), onSuccess: refresh });
  const decline = useMutation({
    mutationFn: (id: string) => api.answerProposal(id, { decision: 'decline', reason: reason.trim() }),
    onSuccess: () => {
      setDeclining(null);
      setReason('');
      refresh();
    },
  });
  const openDecline = (p: CandidateProposal) => {
    decline.reset();
    setReason('');
    setDeclining(p);
  };
  return (
    <>
      <PageHeader title={t('myProposals.title')} description={t('myProposals.description')} />
      <Stack>
        {accept.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, accept.error)}
          </Alert>
        ) : null}
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <Skeleton h={200} aria-label={t('common.loading')} />
        ) : list.data.length === 0 ? (
          <EmptyState title={t('myProposals.emptyTitle')} description={t('myProposals.empty')} data-testid="my-proposals-empty" />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {list.data.map((p) => (
              <ProposalCard key={p.id} proposal={p} accepting={accept.isPending && accept.variables === p.id} onAccept={() => accept.mutate(p.id)} onDecline={() => openDecline(p)} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <Modal opened={declining !== null} onClose={() => setDeclining(null)} title={t('myProposals.declineTitle')}>
        <Stack>
          <Text size="sm">{t('myProposals.declineHint')}</Text>
          <Textarea id="decline-reason" label={t('myProposals.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
          {decline.isError ? (
            <Text c="red.8" role="alert">
              {errorMessage(t, decline.error)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeclining(null)}>
              {t('myProposals.back')}
            </Button>
            <Button loading={decline.isPending} onClick={() => declining && decline.mutate(declining.id)} data-testid="confirm-decline">
              {t('myProposals.confirmDecline')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
