import { Anchor, Badge, Button, Checkbox, EmptyState, Group, Modal, NumberInput, Paper, Skeleton, Stack, Switch, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/guichet';
import type { Enrolment, TrainingSession, TrainingSessionInput } from '../../api/types';
import { canOpen } from '../../app/access';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { CsvLink } from '../../components/csv';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SeatsBadge } from './sessions-page';
import { SessionForm } from './session-form';

const seated = new Set(['enrolled', 'completed', 'not_completed']);
const today = () => new Date().toISOString().slice(0, 10);

function EnrolmentStatus({ e }: { e: Enrolment }) {
  const { t } = useTranslation();
  const color = { enrolled: 'green', waitlisted: 'orange', withdrawn: 'gray', completed: 'teal', not_completed: 'red' }[e.status];
  return (
    <Badge color={color} variant="light" tt="none" data-testid="enrolment-status">
      {e.status === 'waitlisted' ? t('session.waitlistPosition', { position: e.waitlistPosition }) : t(`enrolmentStatus.${e.status}`)}
    </Badge>
  );
}

function Enrolees({ session, canManage }: { session: TrainingSession; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const enrolments = useQuery({ queryKey: ['enrolments', session.id], queryFn: () => api.enrolments(session.id) });
  const [email, setEmail] = useState('');
  const [ignore, setIgnore] = useState(false);
  const [completing, setCompleting] = useState<Enrolment | null>(null);
  const [completed, setCompleted] = useState(true);
  const [grade, setGrade] = useState<number | string>('');
  const [telephone, setTelephone] = useState<number | string>('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['enrolments', session.id] });
    void queryClient.invalidateQueries({ queryKey: ['training-session', session.id] });
    void queryClient.invalidateQueries({ queryKey: ['training-sessions'] });
  };
  const enrol = useMutation({
    mutationFn: () => api.enrol(session.id, { candidateEmail: email.trim(), ignorePrerequisites: ignore }),
    onSuccess: () => {
      setEmail('');
      refresh();
    },
  });
  const withdraw = useMutation({ mutationFn: api.withdrawEnrolment, onSuccess: refresh });
  const complete = useMutation({
    mutationFn: (e: Enrolment) =>
      api.completeEnrolment(e.id, {
        completed,
        grade: grade === '' ? null : Number(grade),
        scores: telephone === '' ? [] : [{ pillar: 'telephone', languageCode: null, score: Number(telephone), cefrLevel: null }],
      }),
    onSuccess: () => {
      setCompleting(null);
      setGrade('');
      setTelephone('');
      refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) enrol.mutate();
  };
  return (
    <Stack>
      {canManage ? (
        <Paper withBorder p="md" component="form" onSubmit={submit}>
          <Group align="flex-end">
            <TextInput id="enrol-email" type="email" label={t('session.enrolEmail')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} />
            <Checkbox label={t('session.ignorePrerequisites')} checked={ignore} onChange={(e) => setIgnore(e.currentTarget.checked)} mb={8} />
            <Button type="submit" loading={enrol.isPending} data-testid="enrol">
              {t('session.enrol')}
            </Button>
          </Group>
          {enrol.isError ? (
            <Text c="red.8" mt="xs" role="alert" data-testid="enrol-error">
              {errorMessage(t, enrol.error)}
            </Text>
          ) : null}
          {enrol.isSuccess ? (
            <Text c="teal.9" mt="xs" role="status" data-testid="enrol-result">
              {enrol.data.status === 'waitlisted'
                ? t('session.waitlistedResult', { name: `${enrol.data.firstName} ${enrol.data.lastName}`, position: enrol.data.waitlistPosition })
                : t('session.enrolledResult', { name: `${enrol.data.firstName} ${enrol.data.lastName}` })}
            </Text>
          ) : null}
        </Paper>
      ) : null}
      <Group justify="flex-end">
        <CsvLink href={api.enrolmentsCsvUrl(session.id)} />
      </Group>
      {withdraw.isError ? <Text c="red.8">{errorMessage(t, withdraw.error)}</Text> : null}
      {enrolments.isError ? (
        <QueryError error={enrolments.error} onRetry={() => void enrolments.refetch()} />
      ) : !enrolments.data ? (
        <Skeleton h={160} />
      ) : enrolments.data.length === 0 ? (
        <EmptyState title={t('session.emptyTitle')} description={t('session.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="enrolees">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('session.candidate')}</Table.Th>
                <Table.Th scope="col">{t('session.status')}</Table.Th>
                <Table.Th scope="col">{t('session.requested')}</Table.Th>
                <Table.Th scope="col">{t('session.attendance')}</Table.Th>
                <Table.Th scope="col">{t('session.grade')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enrolments.data.map((e) => (
                <Table.Tr key={e.id} data-testid="enrolee">
                  <Table.Th scope="row">
                    {e.lastName.toLocaleUpperCase()} {e.firstName}
                    <Text size="xs" c="dimmed">
                      {e.email}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    <EnrolmentStatus e={e} />
                    {e.promoted && e.status === 'enrolled' ? (
                      <Text size="xs" c="dimmed">
                        {t('session.promoted')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{format.dateTime(e.requestedAt)}</Table.Td>
                  <Table.Td>{e.daysRecorded > 0 ? `${e.daysPresent}/${e.daysRecorded}` : '—'}</Table.Td>
                  <Table.Td>{e.grade ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {canManage && (e.status === 'enrolled' || e.status === 'waitlisted') ? (
                        <Button size="xs" variant="subtle" color="red" loading={withdraw.isPending && withdraw.variables === e.id} onClick={() => withdraw.mutate(e.id)}>
                          {t('session.withdraw')}
                        </Button>
                      ) : null}
                      {canManage && e.status === 'enrolled' ? (
                        <Button size="xs" variant="light" onClick={() => setCompleting(e)}>
                          {t('session.complete')}
                        </Button>
                      ) : null}
                      {e.status === 'completed' ? (
                        <Button size="xs" variant="default" component="a" href={api.certificateUrl(e.id)} download>
                          {t('session.certificate')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={completing !== null} onClose={() => setCompleting(null)} title={t('session.completeTitle')}>
        <Stack>
          <Switch label={t('session.completed')} checked={completed} onChange={(e) => setCompleted(e.currentTarget.checked)} />
          <NumberInput label={t('session.gradeLabel')} min={0} max={20} decimalScale={2} value={grade} onChange={setGrade} />
          <NumberInput label={t('session.reevaluation', { pillar: t('pillars.telephone') })} min={0} max={100} value={telephone} onChange={setTelephone} />
          {complete.isError ? <Text c="red.8">{errorMessage(t, complete.error)}</Text> : null}
          <Button loading={complete.isPending} onClick={() => completing && complete.mutate(completing)}>
            {t('session.saveCompletion')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Attendance({ session, canManage }: { session: TrainingSession; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initialDay = today() < session.startsOn ? session.startsOn : today() > session.endsOn ? session.endsOn : today();
  const [day, setDay] = useState(initialDay);
  const enrolments = useQuery({ queryKey: ['enrolments', session.id], queryFn: () => api.enrolments(session.id) });
  const attendance = useQuery({ queryKey: ['attendance', session.id, day], queryFn: () => api.attendance(session.id, day), enabled: Boolean(day) });
  const [present, setPresent] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (attendance.data) setPresent(Object.fromEntries(attendance.data.entries.map((e) => [e.enrolmentId, e.present ?? true])));
  }, [attendance.data]);
  const save = useMutation({
    mutationFn: () => api.recordAttendance(session.id, day, Object.entries(present).map(([enrolmentId, p]) => ({ enrolmentId, present: p }))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['attendance', session.id, day] });
      void queryClient.invalidateQueries({ queryKey: ['enrolments', session.id] });
    },
  });
  const people = (enrolments.data ?? []).filter((e) => seated.has(e.status));
  return (
    <Stack maw={640}>
      <TextInput type="date" label={t('session.day')} value={day} min={session.startsOn} max={session.endsOn} onChange={(e) => setDay(e.currentTarget.value)} w={200} />
      {people.length === 0 ? (
        <Text c="dimmed">{t('session.nobodySeated')}</Text>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="xs">
            {people.map((e) => (
              <Checkbox key={e.id} label={`${e.lastName.toLocaleUpperCase()} ${e.firstName}`} checked={present[e.id] ?? true} onChange={(ev) => setPresent({ ...present, [e.id]: ev.currentTarget.checked })} />
            ))}
          </Stack>
        </Paper>
      )}
      {save.isError ? <Text c="red.8">{errorMessage(t, save.error)}</Text> : null}
      {save.isSuccess ? (
        <Text c="teal.9" role="status">
          {t('session.attendanceSaved')}
        </Text>
      ) : null}
      <Group>
        <Button disabled={people.length === 0 || !canManage} loading={save.isPending} onClick={() => save.mutate()}>
          {t('session.saveAttendance')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A session for its trainer or staff: enrolees and waiting list, attendance, completion, editing. */
export function SessionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['training-session', id], queryFn: () => api.trainingSession(id) });
  const update = useMutation({
    mutationFn: (body: TrainingSessionInput) => api.updateTrainingSession(id, body),
    onSuccess: (s) => {
      queryClient.setQueryData(['training-session', id], s);
      void queryClient.invalidateQueries({ queryKey: ['enrolments', id] });
      void queryClient.invalidateQueries({ queryKey: ['training-sessions'] });
    },
  });
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Skeleton h={300} />;
  const s = session.data;
  const canManage = canOpen(me.role, 'trainingEdit');
  return (
    <>
      <Anchor component={Link} to="/trainings" size="sm">
        ← {t('trainings.back')}
      </Anchor>
      <PageHeader
        title={s.title}
        description={
          <Group gap="xs" component="span">
            <SeatsBadge seats={s.seats} taken={s.seatsTaken} waitlisted={s.waitlisted} />
            <span>
              {s.trainingBodyName} · {format.date(s.startsOn)} → {format.date(s.endsOn)} · {t(`sessionMode.${s.mode}`)}
              {s.diploma ? ` · ${s.diploma}` : ''} · {t(`sessionStatus.${s.status}`)}
            </span>
          </Group>
        }
      />
      <Tabs defaultValue="enrolees" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="enrolees">{t('session.tabEnrolees')}</Tabs.Tab>
          <Tabs.Tab value="attendance">{t('session.tabAttendance')}</Tabs.Tab>
          {canManage ? <Tabs.Tab value="details">{t('session.tabDetails')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="enrolees">
          <Enrolees session={s} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance">
          <Attendance session={s} canManage={canManage} />
        </Tabs.Panel>
        {canManage ? (
          <Tabs.Panel value="details">
            <SessionForm initial={s} submitLabel={t('offerForm.save')} pending={update.isPending} error={update.error} onSubmit={(body) => update.mutate(body)} />
            {update.isSuccess ? (
              <Text c="teal.9" mt="sm" role="status">
                {t('offerForm.saved')}
              </Text>
            ) : null}
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}
