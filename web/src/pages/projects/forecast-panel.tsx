import { Alert, Button, Code, FileInput, Group, List, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { weekdays, type Project, type ProjectFields } from '../../api/types';
import { useFormat } from '../../app/format';
import { errorMessage } from '../../components/error-message';

/** "line 14, column calls" (the API's key) in the interface language. */
function useWhere() {
  const { t } = useTranslation();
  return (key: string) => {
    const match = /^line (\d+)(?:, column (.+))?$/.exec(key);
    if (!match) return key;
    return match[2] ? t('projects.csv.lineColumn', { line: match[1], column: match[2] }) : t('projects.csv.line', { line: match[1] });
  };
}

function ProfileForm({ project, onSaved }: { project: Project; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const [weeklyCalls, setWeeklyCalls] = useState<number | string>(project.weeklyCalls ?? '');
  const [weekdayProfile, setWeekdayProfile] = useState<(number | string)[]>(project.weekdayProfile);
  const [hourlyProfile, setHourlyProfile] = useState<(number | string)[]>(project.hourlyProfile);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: (body: Partial<ProjectFields>) => api.updateProject(project.territoryCode, project.id, body),
    onSuccess: onSaved,
  });
  const fields = isApiError(save.error) ? (save.error.fields ?? {}) : {};
  const serverError = (name: string) => (fields[name] ? t('validation.server', { message: fields[name] }) : undefined);
  const toNumbers = (values: (number | string)[]) => values.map((v) => (typeof v === 'number' ? v : 0));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (typeof weeklyCalls !== 'number') {
      setMissing(true);
      document.getElementById('forecast-weekly-calls')?.focus();
      return;
    }
    save.mutate({ forecastMode: 'profile', weeklyCalls, weekdayProfile: toNumbers(weekdayProfile), hourlyProfile: toNumbers(hourlyProfile) });
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        {save.isError && Object.keys(fields).length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        ) : null}
        <NumberInput
          id="forecast-weekly-calls"
          label={t('projects.forecast.weeklyCalls')}
          description={t('projects.forecast.weeklyCallsHint')}
          min={0}
          thousandSeparator=" "
          value={weeklyCalls}
          onChange={(value) => {
            setWeeklyCalls(value);
            setMissing(false);
          }}
          error={missing ? t('validation.required') : serverError('weeklyCalls')}
          aria-invalid={missing || Boolean(fields.weeklyCalls)}
          maw={280}
        />
        <div>
          <Text fw={600} size="sm" id="weekday-profile-label">
            {t('projects.forecast.weekdayProfile')}
          </Text>
          <Text size="sm" c="dimmed" mb={4}>
            {t('projects.forecast.weekdayProfileHint')}
          </Text>
          <SimpleGrid cols={{ base: 4, sm: 7 }} role="group" aria-labelledby="weekday-profile-label">
            {weekdays.map((day, d) => (
              <NumberInput
                key={day}
                label={t(`projects.weekdaysShort.${day}`)}
                min={0}
                step={0.1}
                decimalScale={2}
                value={weekdayProfile[d]}
                onChange={(value) => setWeekdayProfile((current) => current.map((v, k) => (k === d ? value : v)))}
              />
            ))}
          </SimpleGrid>
          {fields.weekdayProfile ? (
            <Text c="red.8" size="sm" role="alert">
              {serverError('weekdayProfile')}
            </Text>
          ) : null}
        </div>
        <div>
          <Text fw={600} size="sm" id="hourly-profile-label">
            {t('projects.forecast.hourlyProfile')}
          </Text>
          <Text size="sm" c="dimmed" mb={4}>
            {t('projects.forecast.hourlyProfileHint')}
          </Text>
          <SimpleGrid cols={{ base: 4, sm: 8, lg: 12 }} role="group" aria-labelledby="hourly-profile-label">
            {hourlyProfile.map((value, h) => (
              <NumberInput
                key={h}
                label={`${String(h).padStart(2, '0')}h`}
                min={0}
                step={0.5}
                decimalScale={2}
                value={value}
                onChange={(next) => setHourlyProfile((current) => current.map((v, k) => (k === h ? next : v)))}
              />
            ))}
          </SimpleGrid>
          {fields.hourlyProfile ? (
            <Text c="red.8" size="sm" role="alert">
              {serverError('hourlyProfile')}
            </Text>
          ) : null}
        </div>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('projects.forecast.saveProfile')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CsvForm({ project, onSaved }: { project: Project; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const where = useWhere();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => api.uploadForecast(project.territoryCode, project.id, chosen),
    onSuccess: (answer) => onSaved(answer.project),
  });
  const problems = isApiError(upload.error) && upload.error.code === 'invalid_csv' ? Object.entries(upload.error.fields ?? {}) : [];

  return (
    <Stack>
      <Text size="sm">{t('projects.csv.format', { interval: project.intervalMinutes })}</Text>
      <Code block>{'weekday,start,calls\nmon,08:00,42\nmon,08:30,57.5\n…'}</Code>
      <Text size="sm" c="dimmed">
        {t('projects.csv.formatHint')}
      </Text>
      {project.forecastIntervals.count > 0 ? (
        <Text size="sm" data-testid="csv-current">
          {t('projects.csv.current', { count: project.forecastIntervals.count, calls: format.decimal(project.forecastIntervals.weeklyCalls) })}
        </Text>
      ) : null}
      <Group align="flex-end">
        <FileInput
          id="forecast-csv"
          label={t('projects.csv.file')}
          accept=".csv,text/csv,text/plain"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            upload.reset();
          }}
          clearable
          w={{ base: '100%', xs: 360 }}
        />
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t('projects.csv.upload')}
        </Button>
      </Group>
      {problems.length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t('projects.csv.rejected')} data-testid="csv-errors">
          <Text size="sm" mb="xs">
            {t('projects.csv.nothingImported')}
          </Text>
          <List size="sm" spacing={2}>
            {problems.map(([key, message]) => (
              <List.Item key={key}>
                <Text span fw={600}>
                  {where(key)}
                </Text>{' '}
                : {message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : upload.isError ? (
        <Alert color="red" variant="light" role="alert">
          {upload.error && isApiError(upload.error) && upload.error.fields?.file ? t('validation.server', { message: upload.error.fields.file }) : errorMessage(t, upload.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** The call forecast: a weekly volume with its profiles, or calls per interval from a CSV file. */
export function ForecastPanel({ project, onSaved }: { project: Project; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'profile' | 'intervals'>(project.forecastMode);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="forecast-heading">
      <Title order={2} size="h3" id="forecast-heading" mb="xs">
        {t('projects.forecast.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {project.forecastMode === 'profile' ? t('projects.forecast.usingProfile') : t('projects.forecast.usingIntervals')}
      </Text>
      <SegmentedControl
        mb="md"
        value={mode}
        onChange={(value) => setMode(value as 'profile' | 'intervals')}
        data={[
          { value: 'profile', label: t('projects.forecast.modeProfile') },
          { value: 'intervals', label: t('projects.forecast.modeIntervals') },
        ]}
        aria-label={t('projects.forecast.mode')}
      />
      {mode === 'profile' ? <ProfileForm project={project} onSaved={onSaved} /> : <CsvForm project={project} onSaved={onSaved} />}
    </Paper>
  );
}
