import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import type { Cefr, Offer, OfferInput, Shift } from '../../api/types';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';

const shifts: Shift[] = ['morning', 'afternoon', 'evening', 'night', 'weekend'];

/** "fr:B2 en:B1" ↔ [{ code: 'fr', level: 'B2' }, …] */
export function parseLanguages(text: string): { code: string; level: Cefr }[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const out: { code: string; level: Cefr }[] = [];
  for (const p of parts) {
    const m = /^([a-z]{2}):(A1|A2|B1|B2|C1|C2)$/i.exec(p);
    if (!m) return null;
    out.push({ code: m[1].toLowerCase(), level: m[2].toUpperCase() as Cefr });
  }
  return out;
}
export const formatLanguages = (l: { code: string; level: string }[]) => l.map((x) => `${x.code}:${x.level}`).join(' ');

/** Create or edit an offer; server field errors appear under their field. */
export function OfferForm({ initial, submitLabel, pending, error, onSubmit }: { initial?: Offer; submitLabel: string; pending: boolean; error: unknown; onSubmit: (body: OfferInput) => void }) {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const sites = useQuery({ queryKey: ['sites', code], queryFn: () => api.sites(code!), enabled: code !== null });
  const occupations = useQuery({ queryKey: ['occupations'], queryFn: api.occupations });
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [siteId, setSiteId] = useState(initial?.siteId ?? '');
  const [occupationCode, setOccupation] = useState(initial?.occupation.code ?? 'D1408');
  const [contract, setContract] = useState<OfferInput['contract']>(initial?.contract ?? 'cdi');
  const [workTime, setWorkTime] = useState<OfferInput['workTime']>(initial?.workTime ?? 'full_time');
  const [hours, setHours] = useState<number | string>(initial?.hoursPerWeek ?? '');
  const [seats, setSeats] = useState<number | string>(initial?.seats ?? 1);
  const [startDate, setStartDate] = useState(initial?.startDate ?? '');
  const [languages, setLanguages] = useState(initial ? formatLanguages(initial.languages) : 'fr:B2');
  const [minTelephone, setMinTelephone] = useState<number | string>(initial?.minScores.telephone ?? '');
  const [minSearch, setMinSearch] = useState<number | string>(initial?.minScores.information_search ?? '');
  const [minIt, setMinIt] = useState<number | string>(initial?.minScores.it_tools ?? '');
  const [shiftValues, setShifts] = useState<string[]>(initial?.shifts ?? ['morning', 'afternoon']);
  const [status, setStatus] = useState<OfferInput['status']>(initial?.status ?? 'open');
  const [languageError, setLanguageError] = useState<string | null>(null);
  const fields = isApiError(error) ? (error.fields ?? {}) : {};
  const fieldError = (name: string) => Object.entries(fields).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1];
  const siteOptions = (sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}${s.communeName ? ` — ${s.communeName}` : ''}` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLanguages(languages);
    if (!parsed) {
      setLanguageError(t('offerForm.languagesFormat'));
      return;
    }
    setLanguageError(null);
    const num = (v: number | string) => (v === '' ? undefined : Number(v));
    const minScores = Object.fromEntries(
      Object.entries({ telephone: num(minTelephone), information_search: num(minSearch), it_tools: num(minIt) }).filter(([, v]) => v !== undefined),
    );
    onSubmit({
      title,
      description,
      siteId: siteId || siteOptions[0]?.value || '',
      occupationCode,
      contract,
      workTime,
      hoursPerWeek: num(hours) ?? null,
      seats: Number(seats),
      startDate,
      languages: parsed,
      minScores,
      shifts: shiftValues as Shift[],
      status,
    });
  };

  return (
    <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate maw={900}>
      <Stack>
        <TextInput id="offer-title" label={t('offerForm.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={fieldError('title')} />
        <Textarea label={t('offerForm.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} error={fieldError('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect id="offer-site" label={t('offerForm.site')} data={siteOptions} value={siteId || siteOptions[0]?.value || ''} onChange={(e) => setSiteId(e.currentTarget.value)} error={fieldError('siteId')} />
          <NativeSelect
            label={t('offerForm.occupation')}
            data={(occupations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.label} (ISCO ${o.isco08})` }))}
            value={occupationCode}
            onChange={(e) => setOccupation(e.currentTarget.value)}
            error={fieldError('occupationCode')}
          />
          <NativeSelect
            label={t('offerForm.contract')}
            data={(['cdi', 'cdd', 'temp', 'work_study'] as const).map((c) => ({ value: c, label: t(`contracts.${c}`) }))}
            value={contract}
            onChange={(e) => setContract(e.currentTarget.value as OfferInput['contract'])}
          />
          <NativeSelect
            label={t('offerForm.workTime')}
            data={(['full_time', 'part_time'] as const).map((w) => ({ value: w, label: t(`workTimes.${w}`) }))}
            value={workTime}
            onChange={(e) => setWorkTime(e.currentTarget.value as OfferInput['workTime'])}
          />
          <NumberInput id="offer-seats" label={t('offerForm.seats')} min={1} max={1000} value={seats} onChange={setSeats} error={fieldError('seats')} />
          <NumberInput label={t('offerForm.hours')} min={1} max={60} value={hours} onChange={setHours} error={fieldError('hoursPerWeek')} />
          <TextInput id="offer-start" type="date" label={t('offerForm.startDate')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} required error={fieldError('startDate')} />
          <TextInput id="offer-languages" label={t('offerForm.languages')} description={t('offerForm.languagesHint')} value={languages} onChange={(e) => setLanguages(e.currentTarget.value)} error={languageError ?? fieldError('languages')} />
          <NumberInput id="offer-min-telephone" label={t('offerForm.minScore', { pillar: t('pillars.telephone') })} min={0} max={100} value={minTelephone} onChange={setMinTelephone} />
          <NumberInput label={t('offerForm.minScore', { pillar: t('pillars.information_search') })} min={0} max={100} value={minSearch} onChange={setMinSearch} />
          <NumberInput label={t('offerForm.minScore', { pillar: t('pillars.it_tools') })} min={0} max={100} value={minIt} onChange={setMinIt} />
          <NativeSelect
            label={t('offerForm.status')}
            data={(initial ? (['draft', 'open', 'closed'] as const) : (['draft', 'open'] as const)).map((s) => ({ value: s, label: t(`offerStatus.${s}`) }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as OfferInput['status'])}
          />
        </SimpleGrid>
        <Checkbox.Group label={t('offerForm.shifts')} value={shiftValues} onChange={setShifts}>
          <Group mt="xs">
            {shifts.map((s) => (
              <Checkbox key={s} value={s} label={t(`shifts.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {error && !isApiError(error) ? <div role="alert">{errorMessage(t, error)}</div> : null}
        {isApiError(error) && !error.fields ? (
          <div role="alert" style={{ color: 'var(--mantine-color-red-8)' }}>
            {errorMessage(t, error)}
          </div>
        ) : null}
        <Group>
          <Button type="submit" loading={pending} data-testid="offer-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
