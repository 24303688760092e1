import { Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { activities, weekdays, type Activity, type OpeningHours, type Project, type ProjectFields, type Weekday } from '../../api/types';
import { errorMessage } from '../../components/error-message';

const languageCodes = ['fr', 'en', 'es', 'ar', 'de', 'it', 'nl', 'pt'];

/** Numbers being typed: '' while empty. Percent fields are edited in % and sent as 0–1 fractions. */
type Num = number | string;
interface Draft {
  companyName: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  activity: Activity;
  languages: string[];
  openingHours: OpeningHours;
  goLiveOn: string;
  jobsAnnounced: Num;
  intervalMinutes: string;
  ahtSeconds: Num;
  targetAnswerSeconds: Num;
  serviceLevelPercent: Num;
  maxOccupancyPercent: Num;
  asaSeconds: Num;
  patienceSeconds: Num;
  shrinkagePercent: Num;
  seatSharing: Num;
  m2PerSeat: Num;
  attritionPercent: Num;
  trainingWeeks: Num;
}

const percent = (fraction: number | null): Num => (fraction === null ? '' : Math.round(fraction * 10000) / 100);
const fraction = (value: Num): number | null => (typeof value === 'number' ? value / 100 : null);
const numberOrNull = (value: Num): number | null => (typeof value === 'number' ? value : null);

function draftOf(p: Project): Draft {
  return {
    companyName: p.companyName,
    contactName: p.contactName,
    contactEmail: p.contactEmail ?? '',
    contactPhone: p.contactPhone ?? '',
    activity: p.activity,
    languages: p.languages,
    openingHours: p.openingHours,
    goLiveOn: p.goLiveOn ?? '',
    jobsAnnounced: p.jobsAnnounced ?? '',
    intervalMinutes: String(p.intervalMinutes),
    ahtSeconds: p.ahtSeconds,
    targetAnswerSeconds: p.targetAnswerSeconds,
    serviceLevelPercent: percent(p.serviceLevel),
    maxOccupancyPercent: percent(p.maxOccupancy),
    asaSeconds: p.asaSeconds ?? '',
    patienceSeconds: p.patienceSeconds ?? '',
    shrinkagePercent: percent(p.shrinkage),
    seatSharing: p.seatSharing,
    m2PerSeat: p.m2PerSeat,
    attritionPercent: percent(p.annualAttritionRate),
    trainingWeeks: p.trainingWeeks,
  };
}

/** The body of the PATCH; a required number left empty is sent as null so that the server names it. */
function bodyOf(d: Draft): Partial<ProjectFields> {
  return {
    companyName: d.companyName.trim(),
    contactName: d.contactName.trim(),
    contactEmail: d.contactEmail.trim() || null,
    contactPhone: d.contactPhone.trim() || null,
    activity: d.activity,
    languages: d.languages,
    openingHours: d.openingHours,
    goLiveOn: d.goLiveOn || null,
    jobsAnnounced: numberOrNull(d.jobsAnnounced),
    intervalMinutes: Number(d.intervalMinutes) as 15 | 30 | 60,
    ahtSeconds: numberOrNull(d.ahtSeconds) as number,
    targetAnswerSeconds: numberOrNull(d.targetAnswerSeconds) as number,
    serviceLevel: fraction(d.serviceLevelPercent) as number,
    maxOccupancy: fraction(d.maxOccupancyPercent),
    asaSeconds: numberOrNull(d.asaSeconds),
    patienceSeconds: numberOrNull(d.patienceSeconds),
    shrinkage: fraction(d.shrinkagePercent) as number,
    seatSharing: numberOrNull(d.seatSharing) as number,
    m2PerSeat: numberOrNull(d.m2PerSeat) as number,
    annualAttritionRate: fraction(d.attritionPercent) as number,
    trainingWeeks: numberOrNull(d.trainingWeeks) as number,
  };
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="fieldset" m={0}>
      <Title order={3} size="h4" component="legend" px={4}>
        {legend}
      </Title>
      {children}
    </Paper>
  );
}

/** Company, contact, opening hours and staffing parameters of a project, saved together. */
export function ProjectDetailsForm({ project, onSaved }: { project: Project; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(project));
  const save = useMutation({ mutationFn: (body: Partial<ProjectFields>) => api.updateProject(project.territoryCode, project.id, body), onSuccess: onSaved });
  const fields = isApiError(save.error) ? (save.error.fields ?? {}) : {};
  const errorOf = (...names: string[]) => {
    const name = names.find((n) => fields[n]);
    return name ? t('validation.server', { message: fields[name] }) : undefined;
  };
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setHours = (day: Weekday, hours: OpeningHours[Weekday]) => setDraft((current) => ({ ...current, openingHours: { ...current.openingHours, [day]: hours } }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(bodyOf(draft), {
      onError: () => {
        // focus the first field the server named
        requestAnimationFrame(() => document.querySelector<HTMLElement>('#project-details [aria-invalid="true"]')?.focus());
      },
    });
  };
  const num = (key: keyof Draft, label: string, options: { path?: string; hint?: string; min?: number; max?: number; step?: number; suffix?: string } = {}) => (
    <NumberInput
      id={`project-${key}`}
      label={label}
      description={options.hint}
      min={options.min ?? 0}
      max={options.max}
      step={options.step}
      suffix={options.suffix}
      value={draft[key] as Num}
      onChange={(value) => set(key)(value as never)}
      error={errorOf(options.path ?? key)}
      aria-invalid={Boolean(errorOf(options.path ?? key))}
    />
  );

  return (
    <form noValidate onSubmit={onSubmit} id="project-details">
      <Stack>
        {save.isError && Object.keys(fields).length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        ) : null}
        {save.isSuccess ? (
          <Alert color="teal" variant="light" role="status">
            {t('projects.details.saved')}
          </Alert>
        ) : null}
        <Fieldset legend={t('projects.details.company')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              id="project-companyName"
              label={t('projects.company')}
              required
              value={draft.companyName}
              onChange={(event) => set('companyName')(event.currentTarget.value)}
              error={errorOf('companyName')}
              aria-invalid={Boolean(errorOf('companyName'))}
            />
            <NativeSelect
              id="project-activity"
              label={t('projects.activity')}
              value={draft.activity}
              onChange={(event) => set('activity')(event.currentTarget.value as Activity)}
              data={activities.map((a) => ({ value: a, label: t(`projects.activities.${a}`) }))}
            />
            <TextInput id="project-contactName" label={t('projects.contactName')} value={draft.contactName} onChange={(event) => set('contactName')(event.currentTarget.value)} error={errorOf('contactName')} />
            <TextInput
              id="project-contactEmail"
              type="email"
              label={t('projects.contactEmail')}
              value={draft.contactEmail}
              onChange={(event) => set('contactEmail')(event.currentTarget.value)}
              error={errorOf('contactEmail')}
              aria-invalid={Boolean(errorOf('contactEmail'))}
            />
            <TextInput id="project-contactPhone" type="tel" label={t('projects.contactPhone')} value={draft.contactPhone} onChange={(event) => set('contactPhone')(event.currentTarget.value)} error={errorOf('contactPhone')} />
            <MultiSelect
              id="project-languages"
              label={t('projects.languages')}
              data={languageCodes.map((code) => ({ value: code, label: t(`languageNames.${code}`) }))}
              value={draft.languages}
              onChange={set('languages')}
              error={errorOf('languages')}
            />
            <TextInput id="project-goLiveOn" type="date" label={t('projects.goLiveOn')} value={draft.goLiveOn} onChange={(event) => set('goLiveOn')(event.currentTarget.value)} error={errorOf('goLiveOn')} />
            {num('jobsAnnounced', t('projects.jobsAnnounced'))}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('projects.details.openingHours')}>
          <Table verticalSpacing={4} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('projects.details.day')}</Table.Th>
                <Table.Th scope="col">{t('projects.details.open')}</Table.Th>
                <Table.Th scope="col">{t('projects.details.opens')}</Table.Th>
                <Table.Th scope="col">{t('projects.details.closes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weekdays.map((day) => {
                const hours = draft.openingHours[day];
                const dayName = t(`projects.weekdays.${day}`);
                return (
                  <Table.Tr key={day}>
                    <Table.Th scope="row">{dayName}</Table.Th>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('projects.details.openOn', { day: dayName })}
                        checked={hours !== null}
                        onChange={(event) => setHours(day, event.currentTarget.checked ? { opens: '08:00', closes: '18:00' } : null)}
                      />
                    </Table.Td>
                    <Table.Td>
                      {hours ? (
                        <TextInput
                          type="time"
                          aria-label={t('projects.details.opensOn', { day: dayName })}
                          step={Number(draft.intervalMinutes) * 60}
                          value={hours.opens}
                          onChange={(event) => setHours(day, { ...hours, opens: event.currentTarget.value })}
                          error={errorOf(`openingHours.${day}.opens`, `openingHours.${day}`)}
                        />
                      ) : (
                        <Text c="dimmed" size="sm">
                          {t('projects.details.closed')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {hours ? (
                        <TextInput
                          type="time"
                          aria-label={t('projects.details.closesOn', { day: dayName })}
                          step={Number(draft.intervalMinutes) * 60}
                          value={hours.closes === '24:00' ? '23:59' : hours.closes}
                          onChange={(event) => setHours(day, { ...hours, closes: event.currentTarget.value })}
                          error={errorOf(`openingHours.${day}.closes`)}
                        />
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {fields.openingHours ? (
            <Text c="red.8" size="sm" role="alert">
              {errorOf('openingHours')}
            </Text>
          ) : null}
        </Fieldset>

        <Fieldset legend={t('projects.details.staffing')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
            <NativeSelect
              id="project-intervalMinutes"
              label={t('projects.params.intervalMinutes')}
              value={draft.intervalMinutes}
              onChange={(event) => set('intervalMinutes')(event.currentTarget.value)}
              data={['15', '30', '60'].map((v) => ({ value: v, label: t('projects.params.minutes', { minutes: v }) }))}
              error={errorOf('intervalMinutes')}
            />
            {num('ahtSeconds', t('projects.params.ahtSeconds'), { hint: t('projects.params.ahtHint'), suffix: ' s' })}
            {num('targetAnswerSeconds', t('projects.params.targetAnswerSeconds'), { suffix: ' s' })}
            {num('serviceLevelPercent', t('projects.params.serviceLevel'), { path: 'serviceLevel', max: 100, suffix: ' %' })}
            {num('maxOccupancyPercent', t('projects.params.maxOccupancy'), { path: 'maxOccupancy', max: 100, suffix: ' %', hint: t('projects.params.optional') })}
            {num('asaSeconds', t('projects.params.asaSeconds'), { suffix: ' s', hint: t('projects.params.optional') })}
            {num('patienceSeconds', t('projects.params.patienceSeconds'), { suffix: ' s', hint: t('projects.params.patienceHint') })}
            {num('shrinkagePercent', t('projects.params.shrinkage'), { path: 'shrinkage', max: 90, suffix: ' %', hint: t('projects.params.shrinkageHint') })}
            {num('seatSharing', t('projects.params.seatSharing'), { step: 0.05, hint: t('projects.params.seatSharingHint') })}
            {num('m2PerSeat', t('projects.params.m2PerSeat'), { suffix: ' m²' })}
            {num('attritionPercent', t('projects.params.attrition'), { path: 'annualAttritionRate', suffix: ' %' })}
            {num('trainingWeeks', t('projects.params.trainingWeeks'), { max: 52 })}
          </SimpleGrid>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('projects.details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
