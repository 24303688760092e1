import { Alert, Anchor, Container, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Last-resort screen when a page throws while rendering. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Alert color="red" title={t('errors.title')} role="alert">
          {t('errors.unexpected')}
        </Alert>
        <Anchor href="/">{t('common.backHome')}</Anchor>
      </Stack>
    </Container>
  );
}
