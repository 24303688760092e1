/** Pieces shared by the positioning pages: status badges, the live progress of a run, the explained fit. */
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { FitPart, PositioningRun, ProposalStatus, RunStatus } from '../../api/types';
import { useFormat } from '../../app/format';

/** Badges in table cells keep their whole label: without it the cell squeezes them to "À e…". */
export const unclipped = { minWidth: 'max-content' } as const;

/** Poll a queued or running run this often (ms): the server updates its phase and percentage as it goes. */
const pollMs = 1_000;

export function isActive(run: Pick<PositioningRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/**
 * One run, polled every second while it is queued or running. When it finishes, the lists that
 * depend on it (runs, proposals) are refreshed once.
 */
export function useRun(id: string, initial?: PositioningRun) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: ['positioning-run', id],
    queryFn: () => api.positioningRun(id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? pollMs : false),
  });
  const status = run.data?.status;
  const previous = useRef(status);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (before && status && before !== status && !isActive({ status })) {
      void queryClient.invalidateQueries({ queryKey: ['positioning-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['run-proposals', id] });
    }
  }, [status, id, queryClient]);
  return run;
}

const runColor: Record<RunStatus, string> = { queued: 'gray', running: 'blue', completed: 'green', failed: 'red', cancelled: 'orange' };

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={runColor[status]} variant="light" tt="none" style={unclipped} data-testid="run-status" data-status={status}>
      {t(`runStatus.${status}`)}
    </Badge>
  );
}

const proposalColor: Record<ProposalStatus, string> = {
  pending: 'gray',
  approved: 'blue',
  vetoed: 'red',
  published: 'violet',
  accepted: 'green',
  declined: 'orange',
  superseded: 'gray',
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={proposalColor[status]} variant="light" tt="none" style={unclipped} data-testid="proposal-status" data-status={status}>
      {t(`proposalStatus.${status}`)}
    </Badge>
  );
}

/** The phase of a queued or running run and how far it is, as a labelled progress bar. */
export function RunProgress({ run }: { run: PositioningRun }) {
  const { t } = useTranslation();
  const phase = run.cancelRequested ? t('positioning.cancelling') : t(`runPhase.${run.phase}`);
  return (
    <Stack gap={4} miw={200} data-testid="run-progress" aria-live="polite">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" data-testid="run-phase">
          {phase}
        </Text>
        <Text size="xs" fw={700} data-testid="run-percent">
          {run.progress} %
        </Text>
      </Group>
      <Progress value={run.progress} animated={run.status === 'running'} aria-label={t('positioning.progressLabel', { phase })} />
    </Stack>
  );
}

/** Blocking (a hard requirement not met): red; met (it earns points): green; an unmet preference: neutral. */
function partColor(part: FitPart): string | undefined {
  if (part.blocking) return 'red.8';
  if (part.points > 0) return 'teal.9';
  return undefined;
}

function partMark(part: FitPart): string {
  if (part.blocking) return '✗ ';
  return part.points > 0 ? '✓ ' : '– ';
}

/** Why a proposal: each part of the fit (met in green, blocking in red) and, for a training, the gaps it closes. */
export function FitExplanation({ parts, closes = [] }: { parts: FitPart[]; closes?: FitPart[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="fit-explanation">
      <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('positioning.why')}>
        {parts.map((part) => (
          <Text component="li" key={part.code + part.label} size="sm" c={partColor(part)} data-testid="fit-part" data-blocking={part.blocking}>
            {partMark(part)}
            {part.label}
            {part.maxPoints > 0 ? (
              <Text span size="xs" c="dimmed">
                {' '}
                ({part.points}/{part.maxPoints})
              </Text>
            ) : null}
          </Text>
        ))}
      </Stack>
      {closes.length > 0 ? (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('positioning.closes')}
          </Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('positioning.closes')}>
            {closes.map((part) => (
              <Text component="li" key={part.code + part.label} size="sm" data-testid="closes-part">
                → {part.label}
              </Text>
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Stack>
  );
}

/** "2 994 candidates · 4 offers · 1 session": what a run looked at. */
export function Considered({ run }: { run: Pick<PositioningRun, 'candidatesConsidered' | 'offersConsidered' | 'sessionsConsidered'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {[
        t('positioning.candidatesCount', { count: run.candidatesConsidered, formatted: format.number(run.candidatesConsidered) }),
        t('positioning.offersCount', { count: run.offersConsidered, formatted: format.number(run.offersConsidered) }),
        t('positioning.sessionsCount', { count: run.sessionsConsidered, formatted: format.number(run.sessionsConsidered) }),
      ].join(' · ')}
    </>
  );
}

/** Solve time: milliseconds under a second, else seconds with one decimal. */
export function useDuration() {
  const format = useFormat();
  return (ms: number | null) => (ms === null ? '—' : ms < 1000 ? `${format.number(ms)} ms` : `${format.decimal(ms / 1000)} s`);
}

/** "640 / 1000" */
export function Score({ score }: { score: number }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text fw={700} size="sm" data-testid="proposal-score">
        {score}
      </Text>
      <Text size="xs" c="dimmed">
        / 1000
      </Text>
    </Group>
  );
}
