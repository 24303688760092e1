import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/guichet';
import { meKey } from '../../app/session';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';

/** GDPR: download everything the guichet holds about me, or erase it. */
export function MyDataPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const word = t('myData.confirmWord');
  const erase = useMutation({
    mutationFn: api.eraseMyData,
    onSuccess: () => {
      // the account is closed: forget everything and leave
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      navigate('/login?erased=1', { replace: true });
    },
  });

  return (
    <>
      <PageHeader title={t('myData.title')} description={t('myData.description')} />
      <Stack maw={760}>
        <Paper withBorder p="lg" component="section" aria-labelledby="export-title">
          <Title order={2} size="h4" id="export-title" mb="xs">
            {t('myData.exportTitle')}
          </Title>
          <Text mb="md">{t('myData.exportText')}</Text>
          <Button component="a" href="/api/candidates/me/export" download="guichet-my-data.json" variant="default" data-testid="export-my-data">
            {t('myData.exportButton')}
          </Button>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="erase-title" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
          <Title order={2} size="h4" id="erase-title" mb="xs">
            {t('myData.eraseTitle')}
          </Title>
          <Text mb="md">{t('myData.eraseText')}</Text>
          <Button color="red" onClick={() => setConfirming(true)}>
            {t('myData.eraseButton')}
          </Button>
        </Paper>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('myData.confirmTitle')} centered>
        <Stack>
          <Text>{t('myData.confirmText')}</Text>
          <TextInput
            label={t('myData.confirmLabel', { word })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            data-autofocus
            id="erase-confirm"
          />
          {erase.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, erase.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('myData.cancel')}
            </Button>
            <Button color="red" disabled={typed.trim().toLocaleUpperCase() !== word.toLocaleUpperCase()} loading={erase.isPending} onClick={() => erase.mutate()}>
              {t('myData.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
