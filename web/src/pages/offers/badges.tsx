import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, FitPart, Offer } from '../../api/types';

const statusColor: Record<ApplicationStatus, string> = {
  applied: 'blue',
  interview: 'violet',
  offer: 'orange',
  hired: 'green',
  rejected: 'red',
  withdrawn: 'gray',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" tt="none" data-testid="application-status">
      {t(`applicationStatus.${status}`)}
    </Badge>
  );
}

export function OfferStatusBadge({ status }: { status: Offer['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'open' ? 'green' : status === 'draft' ? 'gray' : 'red'} variant="light">
      {t(`offerStatus.${status}`)}
    </Badge>
  );
}

/** The fit score out of 1000 as a bar, and each explained part with its points. */
export function FitScore({ score, parts }: { score: number; parts?: FitPart[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} miw={220}>
      <Group gap="xs" wrap="nowrap">
        <Progress value={score / 10} w={120} aria-label={t('shortlist.score')} />
        <Text fw={700} size="sm" data-testid="fit-score">
          {score}
        </Text>
        <Text size="xs" c="dimmed">
          / 1000
        </Text>
      </Group>
      {parts ? (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('shortlist.parts')}>
          {parts.map((part) => (
            <Text component="li" key={part.code + part.label} size="xs" c={part.blocking ? 'red.8' : part.points === part.maxPoints ? 'teal.9' : undefined} data-testid="fit-part">
              <Tooltip label={part.code}>
                <span>
                  {part.label} — {part.points}/{part.maxPoints}
                </span>
              </Tooltip>
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** "FR B2 · EN B1" */
export function Languages({ languages }: { languages: { code: string; level: string }[] }) {
  const { t } = useTranslation();
  if (languages.length === 0) return <Text size="sm" c="dimmed">{t('offers.noLanguage')}</Text>;
  return (
    <Group gap={4}>
      {languages.map((l) => (
        <Badge key={l.code} variant="outline" tt="none">
          {l.code.toUpperCase()} {l.level}
        </Badge>
      ))}
    </Group>
  );
}
