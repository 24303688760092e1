import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Modal,
  NativeSelect,
  Notification,
  Pagination,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import type { PositioningRun, ProposalKind, ProposalStatus, StaffProposal, VetoReason } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { StatCard } from '../../components/stat-card';
import { Considered, FitExplanation, isActive, ProposalStatusBadge, RunProgress, RunStatusBadge, Score, unclipped, useDuration, useRun } from './parts';

const pageSize = 20;
export const proposalStatuses: ProposalStatus[] = ['pending', 'approved', 'vetoed', 'published', 'accepted', 'declined', 'superseded'];
export const vetoReasons: VetoReason[] = ['not_available', 'not_ready', 'employer_fit', 'already_placed', 'other'];

function Summary({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard label={t('positioning.proposals')} value={format.number(run.proposalCount)} testId="summary-proposals">
          <Text size="xs" c="dimmed">
            {t('positioning.arcsHint', { arcs: format.number(run.arcs) })}
          </Text>
        </StatCard>
        <StatCard label={t('positioning.totalScore')} value={format.number(run.totalScore)} testId="summary-total-score">
          <Text size="xs" c="dimmed">
            {t('positioning.totalScoreHint')}
          </Text>
        </StatCard>
        <StatCard label={t('positioning.certificate')} value={run.certified ? t('positioning.certifiedYes') : t('positioning.certifiedNo')} testId="summary-certified">
          <Text size="xs" c="dimmed">
            {t('positioning.certifiedHint')}
          </Text>
        </StatCard>
        <StatCard label={t('positioning.solveTime')} value={duration(run.solveMs)} testId="summary-solve-time">
          <Text size="xs" c="dimmed">
            <Considered run={run} />
          </Text>
        </StatCard>
      </SimpleGrid>
      <Group gap="xs" aria-label={t('positioning.byStatus')} role="group">
        {proposalStatuses.map((status) => (
          <Badge key={status} variant="outline" color="gray" tt="none" data-testid={`count-${status}`} data-count={run.proposals[status]}>
            {t(`proposalStatus.${status}`)} : {format.number(run.proposals[status])}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

/** Who is proposed for what: an offer, or a training session and the offer it opens. */
function Target({ proposal }: { proposal: StaffProposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (proposal.kind === 'session' && proposal.session) {
    const s = proposal.session;
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="nowrap">
          <Badge size="xs" variant="light" color="grape" tt="none" style={unclipped}>
            {t('proposalKind.session')}
          </Badge>
          <Anchor component={Link} to={`/trainings/${s.id}`} fw={600} size="sm" data-testid="proposal-target">
            {s.title}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {s.trainingBodyName} · {format.date(s.startsOn)} → {format.date(s.endsOn)} · {t(`sessionMode.${s.mode}`)}
        </Text>
        {proposal.targetOffer ? (
          <Text size="xs" data-testid="proposal-opens">
            {t('positioning.opens', { title: proposal.targetOffer.title, employer: proposal.targetOffer.employerName })}
          </Text>
        ) : null}
      </Stack>
    );
  }
  const o = proposal.offer;
  if (!o) return <>—</>;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="light" color="blue" tt="none" style={unclipped}>
          {t('proposalKind.offer')}
        </Badge>
        <Anchor component={Link} to={`/offers/${o.id}`} fw={600} size="sm" data-testid="proposal-target">
          {o.title}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed">
        {o.employerName} · {o.siteName} · {t('offers.startsOn', { date: format.date(o.startDate) })}
      </Text>
    </Stack>
  );
}

function ReviewDetails({ proposal }: { proposal: StaffProposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lines: string[] = [];
  if (proposal.reviewedAt) lines.push(t('positioning.reviewedBy', { name: proposal.reviewedByName ?? '—', date: format.dateTime(proposal.reviewedAt) }));
  if (proposal.reviewNote) lines.push(t('positioning.noteValue', { note: proposal.reviewNote }));
  if (proposal.publishedAt) lines.push(t('positioning.publishedOn', { date: format.dateTime(proposal.publishedAt) }));
  if (proposal.answeredAt) lines.push(t('positioning.answeredOn', { date: format.dateTime(proposal.answeredAt) }));
  if (proposal.declineReason) lines.push(t('positioning.declineReasonValue', { reason: proposal.declineReason }));
  if (lines.length === 0) return null;
  return (
    <Stack gap={2}>
      {lines.map((line) => (
        <Text key={line} size="xs" c="dimmed">
          {line}
        </Text>
      ))}
    </Stack>
  );
}

function Proposals({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ProposalStatus | ''>('');
  const [kind, setKind] = useState<ProposalKind | ''>('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [vetoing, setVetoing] = useState<StaffProposal | null>(null);
  const [reason, setReason] = useState<VetoReason | ''>('');
  const [note, setNote] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const query = { page, pageSize, status: status || undefined, kind: kind || undefined };
  const list = useQuery({
    queryKey: ['run-proposals', run.id, query],
    queryFn: () => api.runProposals(run.id, query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['run-proposals', run.id] });
    void queryClient.invalidateQueries({ queryKey: ['positioning-run', run.id] });
    void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
  };
  const approve = useMutation({ mutationFn: (id: string) => api.reviewProposal(id, { decision: 'approve' }), onSuccess: refresh });
  const veto = useMutation({
    mutationFn: ({ id, vetoReason }: { id: string; vetoReason: VetoReason }) => api.reviewProposal(id, { decision: 'veto', vetoReason, note: note.trim() }),
    onSuccess: () => {
      setVetoing(null);
      setReason('');
      setNote('');
      refresh();
    },
  });
  const openVeto = (p: StaffProposal) => {
    veto.reset();
    setReason('');
    setNote('');
    setReasonMissing(false);
    setVetoing(p);
  };
  const confirmVeto = () => {
    if (!vetoing) return;
    if (!reason) {
      setReasonMissing(true);
      return;
    }
    veto.mutate({ id: vetoing.id, vetoReason: reason });
  };
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const reasonError = reasonMissing && !reason ? t('positioning.reasonRequired') : isApiError(veto.error) ? veto.error.fields?.vetoReason : undefined;
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect
          label={t('positioning.filterStatus')}
          value={status}
          onChange={(e) => (setStatus(e.currentTarget.value as ProposalStatus | ''), setPage(1))}
          data={[{ value: '', label: t('positioning.allStatuses') }, ...proposalStatuses.map((s) => ({ value: s, label: t(`proposalStatus.${s}`) }))]}
          data-testid="filter-status"
        />
        <NativeSelect
          label={t('positioning.filterKind')}
          value={kind}
          onChange={(e) => (setKind(e.currentTarget.value as ProposalKind | ''), setPage(1))}
          data={[{ value: '', label: t('positioning.allKinds') }, ...(['offer', 'session'] as const).map((k) => ({ value: k, label: t(`proposalKind.${k}`) }))]}
          data-testid="filter-kind"
        />
        {data ? (
          <Text size="sm" c="dimmed" pb={8} data-testid="proposals-total">
            {t('positioning.proposalsCount', { count: data.total })}
          </Text>
        ) : null}
      </Group>
      {approve.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, approve.error)}
        </Alert>
      ) : null}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Skeleton h={240} aria-label={t('common.loading')} />
      ) : data.total === 0 ? (
        <EmptyState
          title={t('positioning.noProposalsTitle')}
          description={status || kind ? t('positioning.noProposalsFiltered') : t('positioning.noProposals')}
          data-testid="proposals-empty"
        />
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="sm" data-testid="proposals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('positioning.candidate')}</Table.Th>
                <Table.Th scope="col">{t('positioning.target')}</Table.Th>
                <Table.Th scope="col">{t('positioning.score')}</Table.Th>
                <Table.Th scope="col">{t('positioning.distance')}</Table.Th>
                <Table.Th scope="col">{t('positioning.status')}</Table.Th>
                <Table.Th scope="col">{t('positioning.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((p) => {
                const name = `${p.candidate.lastName.toLocaleUpperCase()} ${p.candidate.firstName}`;
                const expanded = open.has(p.id);
                const reviewable = p.status === 'pending' || p.status === 'approved';
                return (
                  <Fragment key={p.id}>
                    <Table.Tr data-testid="proposal-row" data-proposal-id={p.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/candidates/${p.candidate.id}`} size="sm" fw={600} data-testid="proposal-candidate">
                          {name}
                        </Anchor>
                        {p.candidate.communeName ? (
                          <Text size="xs" c="dimmed">
                            {p.candidate.communeName}
                          </Text>
                        ) : null}
                      </Table.Th>
                      <Table.Td>
                        <Target proposal={p} />
                      </Table.Td>
                      <Table.Td>
                        <Score score={p.score} />
                        {p.kind === 'session' ? (
                          <Text size="xs" c="dimmed">
                            {t('positioning.gain', { value: p.value })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{format.decimal(p.distanceKm)} km</Table.Td>
                      <Table.Td>
                        <ProposalStatusBadge status={p.status} />
                        {p.vetoReason ? (
                          <Text size="xs" c="dimmed" data-testid="veto-reason">
                            {t(`vetoReasons.${p.vetoReason}`)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => toggle(p.id)}
                            aria-expanded={expanded}
                            aria-controls={`why-${p.id}`}
                            aria-label={t('positioning.whyFor', { name })}
                            data-testid="toggle-why"
                          >
                            {t('positioning.whyShort')}
                          </Button>
                          {p.status === 'pending' ? (
                            <Button
                              size="xs"
                              loading={approve.isPending && approve.variables === p.id}
                              onClick={() => approve.mutate(p.id)}
                              aria-label={t('positioning.approveFor', { name })}
                              data-testid="approve"
                            >
                              {t('positioning.approve')}
                            </Button>
                          ) : null}
                          {reviewable ? (
                            <Button size="xs" variant="light" color="red" onClick={() => openVeto(p)} aria-label={t('positioning.vetoFor', { name })} data-testid="veto">
                              {t('positioning.veto')}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {expanded ? (
                      <Table.Tr id={`why-${p.id}`} data-testid="proposal-why">
                        <Table.Td colSpan={6} bg="gray.0">
                          <Group align="flex-start" gap="xl">
                            <FitExplanation parts={p.parts} closes={p.closes} />
                            <ReviewDetails proposal={p} />
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} />
        </Group>
      ) : null}
      <Modal
        opened={vetoing !== null}
        onClose={() => setVetoing(null)}
        title={vetoing ? t('positioning.vetoTitle', { name: `${vetoing.candidate.firstName} ${vetoing.candidate.lastName}` }) : ''}
      >
        <Stack>
          <Text size="sm">{t('positioning.vetoHint')}</Text>
          <NativeSelect
            id="veto-reason"
            label={t('positioning.vetoReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as VetoReason | '')}
            data={[{ value: '', label: t('positioning.chooseReason') }, ...vetoReasons.map((r) => ({ value: r, label: t(`vetoReasons.${r}`) }))]}
            error={reasonError}
          />
          <Textarea id="veto-note" label={t('positioning.vetoNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
          {veto.isError ? (
            <Text c="red.8" role="alert">
              {errorMessage(t, veto.error)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setVetoing(null)}>
              {t('positioning.back')}
            </Button>
            <Button color="red" loading={veto.isPending} onClick={confirmVeto} data-testid="confirm-veto">
              {t('positioning.confirmVeto')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

type BulkAction = 'approveAll' | 'publish';

/** "Approve all" and "Publish", each confirmed first, then a notice with how many proposals changed. */
function RunActions({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [notice, setNotice] = useState<{ action: BulkAction; count: number } | null>(null);
  const bulk = useMutation({
    mutationFn: (action: BulkAction) => (action === 'approveAll' ? api.approveAllProposals(run.id) : api.publishProposals(run.id)),
    onSuccess: (count, action) => {
      setConfirming(null);
      setNotice({ action, count });
      void queryClient.invalidateQueries({ queryKey: ['run-proposals', run.id] });
      void queryClient.invalidateQueries({ queryKey: ['positioning-run', run.id] });
      void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
    },
  });
  const ask = (action: BulkAction) => {
    bulk.reset();
    setConfirming(action);
  };
  const count = confirming === 'publish' ? run.proposals.approved : run.proposals.pending;
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="light" disabled={run.proposals.pending === 0} onClick={() => ask('approveAll')} data-testid="approve-all">
          {t('positioning.approveAll')}
        </Button>
        <Button disabled={run.proposals.approved === 0} onClick={() => ask('publish')} data-testid="publish">
          {t('positioning.publish')}
        </Button>
      </Group>
      {notice ? (
        <Notification
          color="green"
          role="status"
          title={notice.action === 'publish' ? t('positioning.publishedTitle') : t('positioning.approvedTitle')}
          onClose={() => setNotice(null)}
          closeButtonProps={{ 'aria-label': t('positioning.closeNotice') }}
          withBorder
          data-testid="bulk-notice"
          data-action={notice.action}
          data-count={notice.count}
        >
          {notice.action === 'publish' ? t('positioning.publishedNotice', { count: notice.count }) : t('positioning.approvedNotice', { count: notice.count })}
        </Notification>
      ) : null}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === 'publish' ? t('positioning.publishTitle') : t('positioning.approveAllTitle')}
      >
        <Stack>
          <Text size="sm">{confirming === 'publish' ? t('positioning.publishConfirm', { count }) : t('positioning.approveAllConfirm', { count })}</Text>
          {bulk.isError ? (
            <Text c="red.8" role="alert">
              {errorMessage(t, bulk.error)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('positioning.back')}
            </Button>
            <Button loading={bulk.isPending} onClick={() => confirming && bulk.mutate(confirming)} data-testid="confirm-bulk">
              {confirming === 'publish' ? t('positioning.confirmPublish') : t('positioning.confirmApproveAll')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** One run: its progress while it computes, then its figures and the review of its proposals. */
export function RunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const run = useRun(id);
  const cancel = useMutation({
    mutationFn: () => api.cancelPositioningRun(id),
    onSuccess: (updated) => {
      queryClient.setQueryData(['positioning-run', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
    },
  });
  const back = (
    <Anchor component={Link} to="/positioning" size="sm">
      ← {t('positioning.backToRuns')}
    </Anchor>
  );
  if (run.isError)
    return (
      <>
        {back}
        <QueryError error={run.error} onRetry={() => void run.refetch()} />
      </>
    );
  if (!run.data) return <Skeleton h={300} aria-label={t('common.loading')} />;
  const r = run.data;
  return (
    <>
      {back}
      <PageHeader
        title={t('positioning.runTitle', { date: format.dateTime(r.createdAt) })}
        description={
          <Group gap="xs" component="span">
            <RunStatusBadge status={r.status} />
            <span>
              {[r.createdByName, r.includeSessions ? t('positioning.withSessions') : t('positioning.offersOnly'), r.finishedAt ? t('positioning.finishedAt', { date: format.dateTime(r.finishedAt) }) : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </Group>
        }
      />
      <Stack>
        {isActive(r) ? (
          <Paper withBorder p="md">
            <Stack gap="sm">
              <RunProgress run={r} />
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={cancel.isPending}
                  disabled={r.cancelRequested}
                  onClick={() => cancel.mutate()}
                  aria-label={t('positioning.cancelRun', { date: format.dateTime(r.createdAt) })}
                  data-testid="cancel-run"
                >
                  {t('positioning.cancel')}
                </Button>
              </Group>
              {cancel.isError ? (
                <Text size="sm" c="red.8" role="alert">
                  {errorMessage(t, cancel.error)}
                </Text>
              ) : null}
              <Text size="sm" c="dimmed">
                {t('positioning.waitHint')}
              </Text>
            </Stack>
          </Paper>
        ) : null}
        {r.status === 'failed' ? (
          <Alert color="red" variant="light" role="alert" title={t('positioning.failedTitle')}>
            {r.error ?? t('errors.unknown')}
          </Alert>
        ) : null}
        {r.status === 'cancelled' ? (
          <Alert color="orange" variant="light">
            {t('positioning.cancelledText')}
          </Alert>
        ) : null}
        {r.status === 'completed' ? (
          <>
            <Summary run={r} />
            <RunActions run={r} />
            <Paper withBorder p="md" component="section" aria-labelledby="proposals-title">
              <Text fw={600} mb="sm" id="proposals-title" component="h2" fz="lg">
                {t('positioning.proposalsTitle')}
              </Text>
              <Proposals run={r} />
            </Paper>
          </>
        ) : null}
      </Stack>
    </>
  );
}
