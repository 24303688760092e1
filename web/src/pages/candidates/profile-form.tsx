import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import {
  cefrValues,
  contractValues,
  educationValues,
  shiftValues,
  workTimeValues,
  type CandidateProfile,
  type CandidateProfileFields,
  type ContractType,
  type EducationLevel,
  type LanguageLevel,
  type Shift,
  type WorkTime,
} from '../../api/types';
import { errorMessage } from '../../components/error-message';

const languageCodes = ['fr', 'en', 'es', 'ar', 'de', 'it', 'nl', 'pt'];

/** The communes of a territory's catchment area, for the commune picker. */
export function useCommunes(territoryCode: string | null | undefined) {
  return useQuery({
    queryKey: ['registration-options', territoryCode ?? ''],
    queryFn: () => api.registrationOptions(territoryCode ?? undefined),
    staleTime: 60 * 60_000,
  });
}

/**
 * The candidate profile form, shared by the candidate's own page and the counsellor's candidate page.
 * Sends only the fields; server field errors ("fields") show under their input.
 */
export function ProfileForm(props: {
  profile: CandidateProfile;
  saving: boolean;
  error: unknown;
  saved: boolean;
  withEmail?: boolean;
  onSubmit: (fields: Partial<CandidateProfileFields> & { email?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const p = props.profile;
  const communes = useCommunes(p.territoryCode);
  const [v, setV] = useState({
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email ?? '',
    phone: p.phone ?? '',
    birthDate: p.birthDate ?? '',
    communeCode: p.communeCode,
    mobilityKm: p.mobilityKm as number | string,
    mobilityMinutes: (p.mobilityMinutes ?? '') as number | string,
    languages: p.languages as LanguageLevel[],
    educationLevel: p.educationLevel ?? '',
    educationDetail: p.educationDetail,
    experienceMonths: p.experienceMonths as number | string,
    experienceDetail: p.experienceDetail,
    shifts: p.shifts as string[],
    workTime: p.workTime ?? '',
    contractWishes: p.contractWishes as string[],
  });
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((current) => ({ ...current, [key]: value }));
  const fields = isApiError(props.error) ? (props.error.fields ?? {}) : {};
  const fieldError = (name: string) => {
    const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
    return key ? t('validation.server', { message: fields[key] }) : undefined;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit({
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      ...(props.withEmail ? { email: v.email.trim() || null } : {}),
      phone: v.phone.trim() || null,
      birthDate: v.birthDate || null,
      communeCode: v.communeCode || null,
      mobilityKm: typeof v.mobilityKm === 'number' ? v.mobilityKm : 0,
      mobilityMinutes: typeof v.mobilityMinutes === 'number' ? v.mobilityMinutes : null,
      languages: v.languages,
      educationLevel: (v.educationLevel || null) as EducationLevel | null,
      educationDetail: v.educationDetail,
      experienceMonths: typeof v.experienceMonths === 'number' ? v.experienceMonths : 0,
      experienceDetail: v.experienceDetail,
      shifts: v.shifts as Shift[],
      workTime: (v.workTime || null) as WorkTime | null,
      contractWishes: v.contractWishes as ContractType[],
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="profile-form">
      <Stack>
        {props.error && Object.keys(fields).length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, props.error)}
          </Alert>
        ) : null}
        {props.saved && !props.saving && !props.error ? (
          <Alert color="green" variant="light" role="status" data-testid="profile-saved">
            {t('profileEdit.saved')}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput id="profile-first-name" label={t('candidateFields.firstName')} required value={v.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={fieldError('firstName')} />
          <TextInput id="profile-last-name" label={t('candidateFields.lastName')} required value={v.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={fieldError('lastName')} />
          {props.withEmail ? (
            <TextInput id="profile-email" type="email" label={t('candidateFields.email')} value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={fieldError('email')} />
          ) : null}
          <TextInput id="profile-phone" type="tel" label={t('candidateFields.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={fieldError('phone')} />
          <TextInput id="profile-birth-date" type="date" label={t('candidateFields.birthDate')} value={v.birthDate} onChange={(e) => set('birthDate', e.currentTarget.value)} error={fieldError('birthDate')} />
          <Select
            id="profile-commune"
            label={t('candidateFields.commune')}
            placeholder={t('candidateFields.communePlaceholder')}
            searchable
            clearable
            nothingFoundMessage={t('candidateFields.noCommune')}
            data={(communes.data?.communes ?? []).map((c) => ({ value: c.code, label: c.postcode ? `${c.name} (${c.postcode})` : c.name }))}
            value={v.communeCode}
            onChange={(value) => set('communeCode', value)}
            error={fieldError('communeCode')}
          />
          <NumberInput id="profile-mobility-km" label={t('candidateFields.mobilityKm')} min={0} max={500} value={v.mobilityKm} onChange={(value) => set('mobilityKm', value)} error={fieldError('mobilityKm')} />
          <NumberInput id="profile-mobility-minutes" label={t('candidateFields.mobilityMinutes')} min={5} max={240} value={v.mobilityMinutes} onChange={(value) => set('mobilityMinutes', value)} error={fieldError('mobilityMinutes')} />
        </SimpleGrid>

        <div role="group" aria-labelledby="profile-languages-label">
          <Text fw={600} size="sm" id="profile-languages-label">
            {t('candidateFields.languages')}
          </Text>
          <Stack gap="xs" mt={4}>
            {v.languages.map((language, index) => (
              <Group key={index} gap="xs" align="flex-end">
                <NativeSelect
                  aria-label={t('candidateFields.languageCode')}
                  data={languageCodes.map((code) => ({ value: code, label: t(`languageNames.${code}`, { defaultValue: code }) }))}
                  value={language.code}
                  onChange={(e) => {
                    const code = e.currentTarget.value;
                    set('languages', v.languages.map((l, k) => (k === index ? { ...l, code } : l)));
                  }}
                />
                <NativeSelect
                  aria-label={t('candidateFields.languageLevel')}
                  data={[...cefrValues]}
                  value={language.level}
                  onChange={(e) => {
                    const level = e.currentTarget.value;
                    set('languages', v.languages.map((l, k) => (k === index ? { ...l, level } : l)));
                  }}
                />
                <ActionIcon variant="default" size="lg" aria-label={t('candidateFields.removeLanguage')} onClick={() => set('languages', v.languages.filter((_, k) => k !== index))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() => set('languages', [...v.languages, { code: languageCodes.find((c) => !v.languages.some((l) => l.code === c)) ?? 'en', level: 'B1' }])}
              >
                {t('candidateFields.addLanguage')}
              </Button>
            </Group>
            {fieldError('languages') ? (
              <Text c="red.8" size="sm" role="alert">
                {fieldError('languages')}
              </Text>
            ) : null}
          </Stack>
        </div>

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id="profile-education"
            label={t('candidateFields.educationLevel')}
            data={[{ value: '', label: t('candidateFields.notSaid') }, ...educationValues.map((e) => ({ value: e, label: t(`education.${e}`) }))]}
            value={v.educationLevel}
            onChange={(e) => set('educationLevel', e.currentTarget.value)}
          />
          <NumberInput id="profile-experience" label={t('candidateFields.experienceMonths')} min={0} max={720} value={v.experienceMonths} onChange={(value) => set('experienceMonths', value)} error={fieldError('experienceMonths')} />
        </SimpleGrid>
        <Textarea id="profile-education-detail" label={t('candidateFields.educationDetail')} autosize minRows={2} maxLength={2000} value={v.educationDetail} onChange={(e) => set('educationDetail', e.currentTarget.value)} />
        <Textarea id="profile-experience-detail" label={t('candidateFields.experienceDetail')} autosize minRows={2} maxLength={2000} value={v.experienceDetail} onChange={(e) => set('experienceDetail', e.currentTarget.value)} />

        <Checkbox.Group label={t('candidateFields.shifts')} value={v.shifts} onChange={(value) => set('shifts', value)}>
          <Group mt={4}>
            {shiftValues.map((s) => (
              <Checkbox key={s} value={s} label={t(`shifts.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <NativeSelect
          id="profile-work-time"
          label={t('candidateFields.workTime')}
          data={[{ value: '', label: t('candidateFields.notSaid') }, ...workTimeValues.map((w) => ({ value: w, label: t(`workTimes.${w}`) }))]}
          value={v.workTime}
          onChange={(e) => set('workTime', e.currentTarget.value)}
          maw={320}
        />
        <Checkbox.Group label={t('candidateFields.contractWishes')} value={v.contractWishes} onChange={(value) => set('contractWishes', value)}>
          <Group mt={4}>
            {contractValues.map((c) => (
              <Checkbox key={c} value={c} label={t(`contracts.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={props.saving}>
            {t('profileEdit.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
