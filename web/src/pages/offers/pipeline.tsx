import { Button, EmptyState, Group, Modal, NativeSelect, Paper, Skeleton, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Application, ApplicationStatus, Offer, RejectionReason, Stage } from '../../api/types';
import { useFormat } from '../../app/format';
import { CsvLink } from '../../components/csv';
import { errorMessage } from '../../components/error-message';
import { QueryError } from '../../components/query-error';
import { ApplicationStatusBadge } from './badges';

const order: Record<string, number> = { applied: 0, interview: 1, offer: 2 };
const open = new Set<ApplicationStatus>(['applied', 'interview', 'offer']);
const reasons: RejectionReason[] = ['skills', 'languages', 'availability', 'position_filled', 'candidate_declined', 'no_show', 'other'];

/** Where an application may go next: the employer's stages forward, the statuses forward, hired from "offer". */
function nextSteps(a: Application, stages: Stage[]): { value: string; label: string }[] {
  const current = order[a.status];
  const steps: { value: string; label: string }[] = [];
  for (const s of stages) {
    if (order[s.status] >= current && s.id !== a.stage?.id) steps.push({ value: `stage:${s.id}`, label: s.label });
  }
  for (const status of ['interview', 'offer'] as const) {
    if (order[status] > current && !stages.some((s) => s.status === status)) steps.push({ value: `status:${status}`, label: status });
  }
  if (a.status === 'offer') steps.push({ value: 'status:hired', label: 'hired' });
  return steps;
}

function Comments({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const comments = useQuery({ queryKey: ['comments', applicationId], queryFn: () => api.applicationComments(applicationId) });
  const add = useMutation({
    mutationFn: () => api.addApplicationComment(applicationId, body),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['comments', applicationId] });
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
    },
  });
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap="xs">
        {(comments.data ?? []).map((c) => (
          <Text size="sm" key={c.id}>
            <Text span fw={600}>
              {c.authorName}
            </Text>{' '}
            <Text span size="xs" c="dimmed">
              ({t(`roles.${c.authorRole}`)}, {format.dateTime(c.createdAt)})
            </Text>{' '}
            {c.body}
          </Text>
        ))}
        <Group align="flex-end">
          <Textarea label={t('pipeline.comment')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={1} w={{ base: '100%', sm: 420 }} />
          <Button size="xs" disabled={!body.trim()} loading={add.isPending} onClick={() => add.mutate()}>
            {t('pipeline.addComment')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The applications to an offer by status, moved forward through the employer's stages, with comments. */
export function Pipeline({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const applications = useQuery({ queryKey: ['applications', offer.id], queryFn: () => api.offerApplications(offer.id) });
  const stages = useQuery({ queryKey: ['stages', offer.employerId], queryFn: () => api.stages(offer.employerId) });
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [commentsOf, setCommentsOf] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const [reason, setReason] = useState<RejectionReason>('skills');
  const [note, setNote] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['applications', offer.id] });
    void queryClient.invalidateQueries({ queryKey: ['offer', offer.id] });
    void queryClient.invalidateQueries({ queryKey: ['shortlist', offer.id] });
  };
  const move = useMutation({
    mutationFn: ({ id, step }: { id: string; step: string }) => {
      const [kind, value] = step.split(':');
      return api.moveApplication(id, kind === 'stage' ? { stageId: value } : { status: value as 'interview' | 'offer' | 'hired' });
    },
    onSuccess: refresh,
  });
  const reject = useMutation({
    mutationFn: (a: Application) => api.moveApplication(a.id, { status: 'rejected', rejectionReason: reason, rejectionNote: note }),
    onSuccess: () => {
      setRejecting(null);
      setNote('');
      refresh();
    },
  });
  if (applications.isError) return <QueryError error={applications.error} onRetry={() => void applications.refetch()} />;
  if (!applications.data) return <Skeleton h={200} />;
  const items = [...applications.data].sort((a, b) => (order[b.status] ?? 3) - (order[a.status] ?? 3));
  const stepLabel = (s: { value: string; label: string }) => (s.value.startsWith('status:') ? t(`applicationStatus.${s.label}`) : s.label);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm">{t('pipeline.summary', { count: items.length })}</Text>
        <CsvLink href={api.offerApplicationsCsvUrl(offer.id)} />
      </Group>
      {move.isError ? (
        <Text c="red.8" role="alert">
          {errorMessage(t, move.error)}
        </Text>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t('pipeline.emptyTitle')} description={t('pipeline.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" data-testid="pipeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('shortlist.candidate')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.status')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.stage')}</Table.Th>
                <Table.Th scope="col">{t('shortlist.score')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.applied')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.flatMap((a) => {
                const steps = nextSteps(a, stages.data ?? []);
                const selected = choice[a.id] ?? steps[0]?.value ?? '';
                const rows = [
                  <Table.Tr key={a.id} data-testid="pipeline-row">
                    <Table.Th scope="row">
                      {a.identity ? `${a.identity.lastName.toLocaleUpperCase()} ${a.identity.firstName}` : a.candidateRef}
                      {a.message ? (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          « {a.message} »
                        </Text>
                      ) : null}
                    </Table.Th>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} />
                      {a.rejectionReason ? (
                        <Text size="xs" c="dimmed">
                          {t(`rejectionReasons.${a.rejectionReason}`)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{a.stage?.label ?? '—'}</Table.Td>
                    <Table.Td>{a.score ?? '—'}</Table.Td>
                    <Table.Td>{format.date(a.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {open.has(a.status) && steps.length > 0 ? (
                          <>
                            <NativeSelect
                              aria-label={t('pipeline.moveTo')}
                              size="xs"
                              data={steps.map((s) => ({ value: s.value, label: stepLabel(s) }))}
                              value={selected}
                              onChange={(e) => setChoice({ ...choice, [a.id]: e.currentTarget.value })}
                            />
                            <Button size="xs" loading={move.isPending && move.variables?.id === a.id} onClick={() => move.mutate({ id: a.id, step: selected })}>
                              {t('pipeline.move')}
                            </Button>
                          </>
                        ) : null}
                        {open.has(a.status) ? (
                          <Button size="xs" variant="light" color="red" onClick={() => setRejecting(a)}>
                            {t('pipeline.reject')}
                          </Button>
                        ) : null}
                        <Button size="xs" variant="subtle" onClick={() => setCommentsOf(commentsOf === a.id ? null : a.id)} aria-expanded={commentsOf === a.id}>
                          {t('pipeline.comments', { count: a.comments })}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>,
                ];
                if (commentsOf === a.id) {
                  rows.push(
                    <Table.Tr key={`${a.id}-comments`}>
                      <Table.Td colSpan={6}>
                        <Comments applicationId={a.id} />
                      </Table.Td>
                    </Table.Tr>,
                  );
                }
                return rows;
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t('pipeline.rejectTitle')}>
        <Stack>
          <NativeSelect label={t('pipeline.reason')} data={reasons.map((r) => ({ value: r, label: t(`rejectionReasons.${r}`) }))} value={reason} onChange={(e) => setReason(e.currentTarget.value as RejectionReason)} />
          <Textarea label={t('pipeline.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          {reject.isError ? <Text c="red.8">{errorMessage(t, reject.error)}</Text> : null}
          <Button color="red" loading={reject.isPending} onClick={() => rejecting && reject.mutate(rejecting)}>
            {t('pipeline.confirmReject')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
