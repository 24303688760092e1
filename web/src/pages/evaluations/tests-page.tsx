import { Alert, Badge, Button, Card, Group, Paper, Progress, Radio, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { typingMeasures } from '../../../../src/core/evaluation/scoring.ts';
import { api } from '../../api/guichet';
import type { AttemptAnswer, AttemptItem, AttemptScore, EvaluationAttempt, EvaluationTest } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

/** "Outils informatiques", or "Langue · Anglais" for a language test. */
export function useTestName() {
  const { t } = useTranslation();
  return (pillar: string, languageCode: string | null) =>
    pillar === 'language' && languageCode ? `${t('pillars.language')} · ${t(`languageNames.${languageCode}`, { defaultValue: languageCode })}` : t(`pillars.${pillar}`);
}

function minutes(seconds: number) {
  return Math.round(seconds / 60);
}

/** Counts down to the deadline, once a second. */
function useSecondsLeft(deadline: string) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((new Date(deadline).getTime() - now) / 1000));
}

/** The typing exercise: speed and accuracy measured here, then checked by the server. */
function TypingItem({ item, onChange }: { item: AttemptItem; onChange: (typing: AttemptAnswer['typing']) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [typed, setTyped] = useState('');
  const firstKeyAt = useRef<number | null>(null);
  const [elapsedMs, setElapsedMs] = useState(0);
  const measured = useMemo(() => typingMeasures(item.prompt, typed, Math.max(elapsedMs, 1)), [item.prompt, typed, elapsedMs]);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('tests.typingHint')}
      </Text>
      <Paper withBorder p="sm" bg="gray.0">
        <Text style={{ userSelect: 'none' }} data-testid="typing-reference">
          {item.prompt}
        </Text>
      </Paper>
      <Textarea
        aria-label={t('tests.typingArea')}
        autosize
        minRows={3}
        value={typed}
        onPaste={(e) => e.preventDefault()}
        onChange={(e) => {
          const value = e.currentTarget.value;
          const now = performance.now();
          if (firstKeyAt.current === null) firstKeyAt.current = now;
          // the server refuses measures under 5 s: a shorter burst counts as 5 s
          const elapsed = Math.max(5_000, Math.round(now - firstKeyAt.current));
          setTyped(value);
          setElapsedMs(elapsed);
          const m = typingMeasures(item.prompt, value, elapsed);
          onChange(value ? { typedText: value, elapsedMs: elapsed, wpm: m.netWpm, accuracy: m.accuracy } : null);
        }}
      />
      <Group gap="lg" aria-live="polite">
        <Text size="sm">{t('tests.wpm', { n: format.number(Math.round(measured.netWpm)) })}</Text>
        <Text size="sm">{t('tests.accuracy', { n: format.number(Math.round(measured.accuracy * 100)) })}</Text>
      </Group>
    </Stack>
  );
}

function TakeTest({ attempt, onDone }: { attempt: EvaluationAttempt; onDone: (score: AttemptScore | null) => void }) {
  const { t } = useTranslation();
  const testName = useTestName();
  const [answers, setAnswers] = useState<Record<string, AttemptAnswer>>({});
  const secondsLeft = useSecondsLeft(attempt.deadline);
  const submit = useMutation({ mutationFn: () => api.submitAttempt(attempt.id, Object.values(answers)), onSuccess: (score) => onDone(score) });
  const setAnswer = (answer: AttemptAnswer) => setAnswers((current) => ({ ...current, [answer.itemId]: answer }));
  const answered = attempt.items.filter((i) => {
    const a = answers[i.id];
    return a && (a.choice != null || (a.text ?? '').trim() !== '' || a.typing);
  }).length;

  // When the time is up the answers go as they are (the server allows a short grace).
  const sent = useRef(false);
  useEffect(() => {
    if (secondsLeft === 0 && !sent.current && !submit.isPending && !submit.isSuccess) {
      sent.current = true;
      submit.mutate();
    }
  }, [secondsLeft, submit]);

  return (
    <Stack maw={860} data-testid="test-in-progress">
      <Paper withBorder p="md" pos="sticky" top={64} style={{ zIndex: 2 }}>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {testName(attempt.pillar, attempt.languageCode)}
          </Title>
          <Text fw={600} aria-live="off" data-testid="time-left">
            {t('tests.timeLeft', { time: `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}` })}
          </Text>
        </Group>
        <Progress value={(100 * answered) / attempt.items.length} mt="xs" aria-label={t('tests.progress', { answered, total: attempt.items.length })} />
      </Paper>
      {attempt.items.map((item, index) => (
        <Paper withBorder p="lg" key={item.id} component="section" aria-labelledby={`q-${item.id}`} data-testid="test-question">
          <Text size="sm" c="dimmed">
            {t('tests.question', { n: index + 1, total: attempt.items.length })}
          </Text>
          <Text fw={600} id={`q-${item.id}`} mb="sm">
            {item.kind === 'typing' ? t('tests.typingTitle') : item.prompt}
          </Text>
          {item.kind === 'multiple_choice' ? (
            <Radio.Group value={answers[item.id]?.choice != null ? String(answers[item.id].choice) : null} onChange={(value) => setAnswer({ itemId: item.id, choice: Number(value) })} aria-labelledby={`q-${item.id}`}>
              <Stack gap="xs">
                {item.choices.map((choice, k) => (
                  <Radio key={k} value={String(k)} label={choice} />
                ))}
              </Stack>
            </Radio.Group>
          ) : item.kind === 'search_task' ? (
            <Stack gap="xs">
              <Paper withBorder p="sm" bg="gray.0" aria-label={t('tests.resource')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.resource}
                </Text>
              </Paper>
              <TextInput label={t('tests.yourAnswer')} value={answers[item.id]?.text ?? ''} onChange={(e) => setAnswer({ itemId: item.id, text: e.currentTarget.value })} maxLength={500} />
            </Stack>
          ) : (
            <TypingItem item={item} onChange={(typing) => setAnswer({ itemId: item.id, typing })} />
          )}
        </Paper>
      ))}
      {submit.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, submit.error)}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="submit-test">
          {t('tests.submit')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('tests.answered', { answered, total: attempt.items.length })}
        </Text>
      </Group>
      {submit.isError ? (
        <Button variant="subtle" onClick={() => onDone(null)}>
          {t('tests.back')}
        </Button>
      ) : null}
    </Stack>
  );
}

function ScoreView({ score, onBack }: { score: AttemptScore; onBack: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const testName = useTestName();
  const right = score.items.filter((i) => i.points === 1).length;
  return (
    <Paper withBorder p="xl" maw={560} data-testid="test-result">
      <Stack align="flex-start">
        <Title order={2} size="h3">
          {testName(score.pillar, score.languageCode)}
        </Title>
        <Text>{t('tests.yourScore')}</Text>
        <Text fz={48} fw={700} lh={1} data-testid="test-score">
          {score.score}
          <Text span fz={24} c="dimmed">
            {' '}
            / 100
          </Text>
        </Text>
        {score.cefrLevel ? <Badge size="lg">{t('tests.cefr', { level: score.cefrLevel })}</Badge> : null}
        <Text c="dimmed">{t('tests.rightAnswers', { right, total: score.items.length, minutes: format.number(Math.max(1, Math.round(score.durationSeconds / 60))) })}</Text>
        {score.typing ? <Text c="dimmed">{t('tests.typingResult', { wpm: format.number(Math.round(score.typing.netWpm)), accuracy: format.number(Math.round(score.typing.accuracy * 100)) })}</Text> : null}
        <Button onClick={onBack}>{t('tests.back')}</Button>
      </Stack>
    </Paper>
  );
}

function TestCard({ test, onStart, starting }: { test: EvaluationTest; onStart: () => void; starting: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const testName = useTestName();
  const resume = test.inProgressAttemptId !== null;
  return (
    <Card withBorder padding="lg" component="section" aria-label={testName(test.pillar, test.languageCode)} data-testid={`test-card-${test.pillar}-${test.languageCode}`}>
      <Stack gap="xs" h="100%">
        <Title order={2} size="h4">
          {testName(test.pillar, test.languageCode)}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tests.format', { questions: test.itemCount, minutes: minutes(test.timeLimitSeconds) })}
        </Text>
        <Text size="sm">{test.lastScore === null ? t('tests.never') : t('tests.lastScore', { score: test.lastScore, date: format.date(test.lastTakenAt!) })}</Text>
        <Text size="sm" c="dimmed">
          {t('tests.attemptsLeft', { count: test.attemptsLeftToday })}
        </Text>
        <Group mt="auto">
          <Button onClick={onStart} loading={starting} disabled={!resume && test.attemptsLeftToday === 0}>
            {resume ? t('tests.resume') : test.lastScore === null ? t('tests.start') : t('tests.retake')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The candidate's online tests: choose one, take it against the clock, see the score. */
export function TestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const testName = useTestName();
  const queryClient = useQueryClient();
  const tests = useQuery({ queryKey: ['evaluations', 'tests'], queryFn: api.evaluationTests });
  const history = useQuery({ queryKey: ['evaluations', 'me'], queryFn: api.myEvaluations });
  const [attempt, setAttempt] = useState<EvaluationAttempt | null>(null);
  const [score, setScore] = useState<AttemptScore | null>(null);
  const start = useMutation({ mutationFn: api.startAttempt, onSuccess: (a) => setAttempt(a) });

  const done = (result: AttemptScore | null) => {
    setAttempt(null);
    setScore(result);
    void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
  };

  if (attempt) {
    return (
      <>
        <PageHeader title={t('tests.title')} />
        <TakeTest attempt={attempt} onDone={done} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('tests.title')} description={t('tests.description')} />
      <Stack>
        {score ? <ScoreView score={score} onBack={() => setScore(null)} /> : null}
        {start.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, start.error)}
          </Alert>
        ) : null}
        {tests.isError ? (
          <QueryError error={tests.error} onRetry={() => void tests.refetch()} />
        ) : !tests.data ? (
          <Skeleton h={160} aria-busy="true" aria-label={t('common.loading')} />
        ) : tests.data.length === 0 ? (
          <Text c="dimmed">{t('tests.none')}</Text>
        ) : score ? null : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {tests.data.map((test) => (
              <TestCard
                key={`${test.pillar}-${test.languageCode}`}
                test={test}
                starting={start.isPending && start.variables?.pillar === test.pillar && start.variables?.languageCode === (test.languageCode ?? undefined)}
                onStart={() => start.mutate({ pillar: test.pillar, languageCode: test.languageCode ?? undefined })}
              />
            ))}
          </SimpleGrid>
        )}
        {history.data && history.data.results.length > 0 && !score ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="history-title">
            <Title order={2} size="h4" id="history-title" mb="sm">
              {t('tests.history')}
            </Title>
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('results.test')}</Table.Th>
                    <Table.Th scope="col">{t('results.score')}</Table.Th>
                    <Table.Th scope="col">{t('results.source')}</Table.Th>
                    <Table.Th scope="col">{t('results.date')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.data.results.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{testName(r.pillar, r.languageCode)}</Table.Td>
                      <Table.Td>
                        {r.score}
                        {r.cefrLevel ? ` (${r.cefrLevel})` : ''}
                      </Table.Td>
                      <Table.Td>{t(`results.sources.${r.source}`)}</Table.Td>
                      <Table.Td>{format.date(r.assessedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
