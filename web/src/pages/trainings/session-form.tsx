import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import type { TrainingSession, TrainingSessionInput } from '../../api/types';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { formatLanguages, parseLanguages } from '../offers/offer-form';

/** "telephone:15 language/en:10" ↔ raises */
function parseRaises(text: string): TrainingSessionInput['raises'] | null {
  const out: TrainingSessionInput['raises'] = [];
  for (const p of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(telephone|information_search|it_tools|language\/([a-z]{2})):(\d{1,3})$/.exec(p);
    if (!m) return null;
    out.push({ pillar: m[2] ? 'language' : m[1], languageCode: m[2] ?? null, points: Number(m[3]) });
  }
  return out;
}
const formatRaises = (r: TrainingSessionInput['raises']) => r.map((x) => `${x.pillar === 'language' ? `language/${x.languageCode}` : x.pillar}:${x.points}`).join(' ');

/** Publish or edit a training session. */
export function SessionForm({ initial, submitLabel, pending, error, onSubmit }: { initial?: TrainingSession; submitLabel: string; pending: boolean; error: unknown; onSubmit: (body: TrainingSessionInput) => void }) {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const sites = useQuery({ queryKey: ['sites', code], queryFn: () => api.sites(code!), enabled: code !== null });
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [diploma, setDiploma] = useState(initial?.diploma ?? '');
  const [mode, setMode] = useState<TrainingSessionInput['mode']>(initial?.mode ?? 'distance');
  const [siteId, setSiteId] = useState(initial?.siteId ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? '');
  const [hours, setHours] = useState<number | string>(initial?.hours ?? '');
  const [seats, setSeats] = useState<number | string>(initial?.seats ?? 12);
  const [languages, setLanguages] = useState(initial ? formatLanguages(initial.prerequisites.languages) : '');
  const [minTelephone, setMinTelephone] = useState<number | string>(initial?.prerequisites.minScores.telephone ?? '');
  const [raises, setRaises] = useState(initial ? formatRaises(initial.raises) : 'telephone:15 information_search:10 it_tools:10');
  const [status, setStatus] = useState<TrainingSessionInput['status']>(initial?.status ?? 'published');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const fields = isApiError(error) ? (error.fields ?? {}) : {};
  const fieldError = (name: string) => localErrors[name] ?? Object.entries(fields).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedLanguages = parseLanguages(languages);
    const parsedRaises = parseRaises(raises);
    const errors: Record<string, string> = {};
    if (!parsedLanguages) errors.languages = t('offerForm.languagesFormat');
    if (!parsedRaises) errors.raises = t('sessionForm.raisesFormat');
    setLocalErrors(errors);
    if (!parsedLanguages || !parsedRaises) return;
    onSubmit({
      title,
      description,
      diploma,
      mode,
      siteId: mode === 'on_site' ? siteId || sites.data?.[0]?.id || null : null,
      communeCode: null,
      startsOn,
      endsOn,
      hours: hours === '' ? null : Number(hours),
      seats: Number(seats),
      minScores: minTelephone === '' ? {} : { telephone: Number(minTelephone) },
      languages: parsedLanguages,
      raises: parsedRaises,
      status,
    });
  };

  return (
    <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate maw={900}>
      <Stack>
        <TextInput id="session-title" label={t('sessionForm.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={fieldError('title')} />
        <TextInput id="session-diploma" label={t('sessionForm.diploma')} description={t('sessionForm.diplomaHint')} value={diploma} onChange={(e) => setDiploma(e.currentTarget.value)} error={fieldError('diploma')} />
        <Textarea label={t('sessionForm.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id="session-mode"
            label={t('sessionForm.mode')}
            data={(['distance', 'on_site'] as const).map((m) => ({ value: m, label: t(`sessionMode.${m}`) }))}
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as TrainingSessionInput['mode'])}
          />
          {mode === 'on_site' ? (
            <NativeSelect
              label={t('sessionForm.site')}
              data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={siteId || sites.data?.[0]?.id || ''}
              onChange={(e) => setSiteId(e.currentTarget.value)}
              error={fieldError('siteId')}
            />
          ) : (
            <div />
          )}
          <TextInput id="session-starts" type="date" label={t('sessionForm.startsOn')} value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} required error={fieldError('startsOn')} />
          <TextInput id="session-ends" type="date" label={t('sessionForm.endsOn')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} required error={fieldError('endsOn')} />
          <NumberInput id="session-seats" label={t('sessionForm.seats')} min={1} max={500} value={seats} onChange={setSeats} error={fieldError('seats')} />
          <NumberInput label={t('sessionForm.hours')} min={1} max={2000} value={hours} onChange={setHours} error={fieldError('hours')} />
          <TextInput label={t('sessionForm.languages')} description={t('offerForm.languagesHint')} value={languages} onChange={(e) => setLanguages(e.currentTarget.value)} error={fieldError('languages')} />
          <NumberInput label={t('offerForm.minScore', { pillar: t('pillars.telephone') })} min={0} max={100} value={minTelephone} onChange={setMinTelephone} />
          <TextInput label={t('sessionForm.raises')} description={t('sessionForm.raisesHint')} value={raises} onChange={(e) => setRaises(e.currentTarget.value)} error={fieldError('raises')} />
          <NativeSelect
            label={t('sessionForm.status')}
            data={(initial ? (['draft', 'published', 'cancelled'] as const) : (['draft', 'published'] as const)).map((s) => ({ value: s, label: t(`sessionStatus.${s}`) }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as TrainingSessionInput['status'])}
          />
        </SimpleGrid>
        {isApiError(error) && !error.fields ? (
          <div role="alert" style={{ color: 'var(--mantine-color-red-8)' }}>
            {errorMessage(t, error)}
          </div>
        ) : null}
        <Group>
          <Button type="submit" loading={pending} data-testid="session-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
