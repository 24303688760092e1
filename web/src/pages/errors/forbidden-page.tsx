import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';

/** Shown in place of a page the user's role may not open (the API would answer 403 anyway). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack data-testid="access-denied" maw={640}>
      <PageHeader title={t('forbidden.title')} />
      <Alert color="orange" variant="light" role="alert">
        {t('forbidden.message')}
      </Alert>
      <Anchor component={Link} to="/">
        {t('common.backHome')}
      </Anchor>
    </Stack>
  );
}
