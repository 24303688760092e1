import { ActionIcon, Button, Group, NativeSelect, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Stage } from '../../api/types';
import { errorMessage } from '../../components/error-message';

type Row = { id?: string; label: string; status: Stage['status'] };

/** The employer's recruitment stages, in order, each within applied, interview or offer. */
export function StagesPanel({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stages = useQuery({ queryKey: ['stages', employerId], queryFn: () => api.stages(employerId) });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (stages.data) setRows(stages.data.map((s) => ({ id: s.id, label: s.label, status: s.status })));
  }, [stages.data]);
  const save = useMutation({
    mutationFn: () => api.saveStages(employerId, rows.filter((r) => r.label.trim())),
    onSuccess: (items) => queryClient.setQueryData(['stages', employerId], items),
  });
  if (!stages.data) return <Skeleton h={160} />;
  const set = (k: number, row: Partial<Row>) => setRows(rows.map((r, i) => (i === k ? { ...r, ...row } : r)));
  const moveRow = (k: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(k, 1);
    next.splice(k + by, 0, row);
    setRows(next);
  };
  return (
    <Paper withBorder p="lg" maw={760}>
      <Stack>
        <Text size="sm">{t('stages.description')}</Text>
        {rows.map((row, k) => (
          <Group key={row.id ?? `new-${k}`} align="flex-end" wrap="nowrap">
            <Text w={24}>{k + 1}.</Text>
            <TextInput label={t('stages.label')} value={row.label} onChange={(e) => set(k, { label: e.currentTarget.value })} style={{ flex: 1 }} />
            <NativeSelect
              label={t('stages.status')}
              data={(['applied', 'interview', 'offer'] as const).map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))}
              value={row.status}
              onChange={(e) => set(k, { status: e.currentTarget.value as Stage['status'] })}
            />
            <ActionIcon variant="default" aria-label={t('stages.up')} disabled={k === 0} onClick={() => moveRow(k, -1)}>
              ↑
            </ActionIcon>
            <ActionIcon variant="default" aria-label={t('stages.down')} disabled={k === rows.length - 1} onClick={() => moveRow(k, 1)}>
              ↓
            </ActionIcon>
            <ActionIcon variant="default" color="red" aria-label={t('stages.remove')} onClick={() => setRows(rows.filter((_, i) => i !== k))}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setRows([...rows, { label: '', status: rows.at(-1)?.status ?? 'applied' }])}>
            {t('stages.add')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()} disabled={rows.filter((r) => r.label.trim()).length === 0}>
            {t('stages.save')}
          </Button>
        </Group>
        {save.isError ? (
          <Text c="red.8" role="alert">
            {errorMessage(t, save.error)}
          </Text>
        ) : null}
        {save.isSuccess ? (
          <Text c="teal.9" role="status">
            {t('stages.saved')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
