import { Badge, Group, Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fw={600} m={0}>
        {children}
      </Text>
    </div>
  );
}

/** A candidate's home page: their own profile (GET /api/candidates/me). */
export function CandidateHome() {
  const { t } = useTranslation();
  const format = useFormat();
  const profile = useQuery({ queryKey: ['candidates', 'me'], queryFn: api.myCandidateProfile });
  const data = profile.data;

  return (
    <>
      <PageHeader
        title={data ? t('candidateHome.welcome', { name: data.firstName }) : t('candidateHome.title')}
        description={t('candidateHome.description')}
      />
      {profile.isError ? (
        <QueryError error={profile.error} onRetry={() => void profile.refetch()} />
      ) : !data ? (
        <Skeleton h={160} aria-busy="true" aria-label={t('common.loading')} />
      ) : (
        <Paper withBorder p="lg" maw={720} component="section" aria-label={t('candidateHome.title')}>
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0} data-testid="candidate-profile">
            <Item label={t('candidateHome.name')}>
              {data.firstName} {data.lastName}
            </Item>
            <Item label={t('candidateHome.email')}>{data.email}</Item>
            <Item label={t('candidateHome.commune')}>
              {data.communeName}
              {data.postcode ? ` (${data.postcode})` : null}
            </Item>
            <Item label={t('candidateHome.mobility')}>
              {t('candidateHome.mobilityKm', { km: format.number(data.mobilityKm) })}
            </Item>
            <Item label={t('candidateHome.languages')}>
              <Group gap={4} component="span">
                {data.languages.length === 0
                  ? t('common.none')
                  : data.languages.map((language) => (
                      <Badge key={language.code} variant="light" tt="none" component="span">
                        {t(`languageNames.${language.code}`, { defaultValue: language.code })} · {language.level}
                      </Badge>
                    ))}
              </Group>
            </Item>
          </SimpleGrid>
        </Paper>
      )}
    </>
  );
}
