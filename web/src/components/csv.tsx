import { Alert, Anchor, Button, Code, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import type { CsvImportReport } from '../api/types';
import { errorMessage } from './error-message';

/** A download link for a list's CSV export (the session cookie goes with a same-origin GET). */
export function CsvLink({ href, testId }: { href: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download variant="default" size="xs" data-testid={testId}>
      {t('csv.export')}
    </Button>
  );
}

/** "line 14, column email" (the API's key) split for the report table. */
function whereOf(key: string): { line: string; column: string } {
  const match = /^line (\d+)(?:, column (.+))?$/.exec(key);
  return match ? { line: match[1], column: match[2] ?? '' } : { line: '', column: key };
}

/**
 * Upload a CSV file, all or nothing; on refusal, the table of every bad line and column.
 * `renderDone` replaces the default success message (e.g. to link to the duplicates an import flagged).
 */
export function CsvImportPanel<R extends CsvImportReport>({
  example,
  upload,
  onDone,
  renderDone,
}: {
  example: string;
  upload: (file: File) => Promise<R>;
  onDone?: (report: R) => void;
  renderDone?: (report: R) => ReactNode;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({
    mutationFn: upload,
    onSuccess: (report) => {
      setFile(null);
      onDone?.(report);
    },
  });
  const problems = isApiError(mutation.error) && mutation.error.code === 'invalid_csv' ? Object.entries(mutation.error.fields ?? {}) : [];
  return (
    <Stack maw={960}>
      <Paper withBorder p="lg">
        <Stack>
          <Text size="sm">{t('csv.columns')}</Text>
          <Code block>{example}</Code>
          <Group align="flex-end">
            <FileInput label={t('csv.file')} accept=".csv,text/csv" value={file} onChange={setFile} clearable w={{ base: '100%', sm: 360 }} data-testid="csv-file" />
            <Button disabled={!file} loading={mutation.isPending} onClick={() => file && mutation.mutate(file)}>
              {t('csv.import')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {mutation.isSuccess ? (
        <Alert color="green" variant="light" role="status" data-testid="csv-done">
          {renderDone ? renderDone(mutation.data) : t('csv.done', { count: mutation.data.imported })}
        </Alert>
      ) : null}
      {mutation.isError && problems.length === 0 ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, mutation.error)}
        </Alert>
      ) : null}
      {problems.length > 0 ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="csv-report-title" data-testid="csv-report">
          <Title order={2} size="h4" id="csv-report-title" c="red.8">
            {t('csv.rejected', { count: problems.length })}
          </Title>
          <Text size="sm" mb="sm">
            {t('csv.nothingImported')}
          </Text>
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('csv.line')}</Table.Th>
                  <Table.Th scope="col">{t('csv.column')}</Table.Th>
                  <Table.Th scope="col">{t('csv.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map(([key, message]) => {
                  const where = whereOf(key);
                  return (
                    <Table.Tr key={key}>
                      <Table.Td>{where.line}</Table.Td>
                      <Table.Td>
                        <Code>{where.column}</Code>
                      </Table.Td>
                      <Table.Td>{message}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      <Anchor href="/api/docs" target="_blank" size="sm">
        {t('csv.docs')}
      </Anchor>
    </Stack>
  );
}
