import { Alert, Badge, Button, Group, NativeSelect, Paper, Radio, SegmentedControl, Skeleton, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { pillarValues, type EvaluationItemInput, type Pillar } from '../../api/types';
import { useMe } from '../../app/session';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

type Kind = EvaluationItemInput['kind'];

/** Adds an item: a multiple-choice question, an information-search task or a text to type. */
function NewItemForm({ code, pillar }: { code: string; pillar: Pillar }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('multiple_choice');
  const [languageCode, setLanguageCode] = useState('fr');
  const [prompt, setPrompt] = useState('');
  const [choices, setChoices] = useState(['', '', '', '']);
  const [correct, setCorrect] = useState('0');
  const [resource, setResource] = useState('');
  const [accepted, setAccepted] = useState('');
  const create = useMutation({
    mutationFn: (body: EvaluationItemInput) => api.createEvaluationItem(code, body),
    onSuccess: () => {
      setPrompt('');
      setChoices(['', '', '', '']);
      setResource('');
      setAccepted('');
      void queryClient.invalidateQueries({ queryKey: ['evaluation-items'] });
    },
  });
  const fields = isApiError(create.error) ? (create.error.fields ?? {}) : {};
  const fieldError = (name: string) => {
    const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
    return key ? t('validation.server', { message: fields[key] }) : undefined;
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const base = { pillar, languageCode, prompt: prompt.trim() };
    if (kind === 'multiple_choice') {
      const filled = choices.map((c) => c.trim()).filter(Boolean);
      create.mutate({ ...base, kind, choices: filled, correctChoice: Number(correct) });
    } else if (kind === 'search_task') {
      create.mutate({ ...base, kind, resource, acceptedAnswers: accepted.split('|').map((a) => a.trim()).filter(Boolean) });
    } else {
      create.mutate({ ...base, kind, pillar: 'it_tools' });
    }
  };
  const kinds: Kind[] = pillar === 'it_tools' ? ['multiple_choice', 'search_task', 'typing'] : ['multiple_choice', 'search_task'];
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        <Group>
          <SegmentedControl value={kind} onChange={(value) => setKind(value as Kind)} data={kinds.map((k) => ({ value: k, label: t(`itemBank.kinds.${k}`) }))} />
          <NativeSelect aria-label={t('itemBank.language')} value={languageCode} onChange={(e) => setLanguageCode(e.currentTarget.value)} data={['fr', 'en', 'es', 'de', 'ar', 'it'].map((c) => ({ value: c, label: t(`languageNames.${c}`, { defaultValue: c }) }))} />
        </Group>
        <Textarea label={kind === 'typing' ? t('itemBank.textToType') : t('itemBank.prompt')} autosize minRows={2} value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)} error={fieldError('prompt')} required />
        {kind === 'multiple_choice' ? (
          <Radio.Group label={t('itemBank.choices')} description={t('itemBank.choicesHint')} value={correct} onChange={setCorrect} error={fieldError('choices') ?? fieldError('correctChoice')}>
            <Stack gap="xs" mt={4}>
              {choices.map((choice, k) => (
                <Group key={k} gap="xs" wrap="nowrap">
                  <Radio value={String(k)} aria-label={t('itemBank.rightChoice', { n: k + 1 })} />
                  <TextInput aria-label={t('itemBank.choice', { n: k + 1 })} value={choice} onChange={(e) => {
                    const value = e.currentTarget.value;
                    setChoices((current) => current.map((c, i) => (i === k ? value : c)));
                  }} style={{ flex: 1 }} />
                </Group>
              ))}
            </Stack>
          </Radio.Group>
        ) : null}
        {kind === 'search_task' ? (
          <>
            <Textarea label={t('itemBank.resource')} autosize minRows={4} value={resource} onChange={(e) => setResource(e.currentTarget.value)} error={fieldError('resource')} />
            <TextInput label={t('itemBank.accepted')} description={t('itemBank.acceptedHint')} value={accepted} onChange={(e) => setAccepted(e.currentTarget.value)} error={fieldError('acceptedAnswers')} />
          </>
        ) : null}
        {create.isError && Object.keys(fields).length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, create.error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('itemBank.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The territory's item bank: advisors add items and retire them; counsellors read it. */
export function ItemBankPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const editor = me.role === 'advisor' || me.role === 'admin';
  const [pillar, setPillar] = useState<Pillar>('telephone');
  const items = useQuery({
    queryKey: ['evaluation-items', code, pillar],
    queryFn: () => api.evaluationItems(code!, { pillar, includeInactive: 'true' }),
    enabled: code !== null,
  });
  const toggle = useMutation({
    mutationFn: (v: { id: string; isActive: boolean }) => api.updateEvaluationItem(v.id, { isActive: v.isActive }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['evaluation-items'] }),
  });
  return (
    <>
      <PageHeader title={t('itemBank.title')} description={t('itemBank.description')} />
      <Stack maw={1000}>
        <SegmentedControl value={pillar} onChange={(value) => setPillar(value as Pillar)} data={pillarValues.map((p) => ({ value: p, label: t(`pillars.${p}`) }))} w="fit-content" />
        {items.isError ? (
          <QueryError error={items.error} onRetry={() => void items.refetch()} />
        ) : !items.data ? (
          <Skeleton h={200} aria-busy="true" aria-label={t('common.loading')} />
        ) : items.data.length === 0 ? (
          <Text c="dimmed">{t('itemBank.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('itemBank.prompt')}</Table.Th>
                  <Table.Th scope="col">{t('itemBank.answer')}</Table.Th>
                  <Table.Th scope="col">{t('itemBank.language')}</Table.Th>
                  <Table.Th scope="col">{t('itemBank.active')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.data.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Badge variant="light" size="xs" mb={4}>
                        {t(`itemBank.kinds.${item.kind}`)}
                      </Badge>
                      <Text size="sm" lineClamp={3}>
                        {item.prompt}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.kind === 'multiple_choice' ? item.choices[item.correctChoice ?? 0] : item.kind === 'search_task' ? item.acceptedAnswers.join(' | ') : '—'}</Text>
                    </Table.Td>
                    <Table.Td>{item.languageCode}</Table.Td>
                    <Table.Td>
                      <Switch aria-label={t('itemBank.active')} checked={item.isActive} disabled={!editor || toggle.isPending} onChange={(e) => toggle.mutate({ id: item.id, isActive: e.currentTarget.checked })} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editor && code ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="new-item-title">
            <Title order={2} size="h4" id="new-item-title" mb="sm">
              {t('itemBank.newTitle', { pillar: t(`pillars.${pillar}`) })}
            </Title>
            <NewItemForm key={pillar} code={code} pillar={pillar} />
          </Paper>
        ) : null}
      </Stack>
    </>
  );
}
