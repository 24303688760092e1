import { Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** The page's h1 (focusable so route changes can move focus to it) and the document title. */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · guichet`;
  }, [title]);
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2" tabIndex={-1} className="page-title">
        {title}
      </Title>
      {description ? <Text c="dimmed">{description}</Text> : null}
    </Stack>
  );
}
