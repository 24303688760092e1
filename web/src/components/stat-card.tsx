import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One figure of the dashboard; `testId` marks the value so tests can compare it with the API. */
export function StatCard(props: { label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.label}>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" fw={600} tt="uppercase">
          {props.label}
        </Text>
        <Text fz={32} fw={700} lh={1.1} data-testid={props.testId}>
          {props.value}
        </Text>
        {props.children}
      </Stack>
    </Paper>
  );
}
