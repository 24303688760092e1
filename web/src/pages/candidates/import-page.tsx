import { Alert, Anchor, Button, Code, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { errorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';

/** "line 14, column email" (the API's key) split for the report table. */
function whereOf(key: string): { line: string; column: string } {
  const match = /^line (\d+)(?:, column (.+))?$/.exec(key);
  return match ? { line: match[1], column: match[2] ?? '' } : { line: '', column: key };
}

/** Import candidates from a CSV file, all or nothing, with the report of every bad line. */
export function CandidateImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => api.importCandidates(code!, f),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: ['candidates'] });
      void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
    },
  });
  const problems = isApiError(upload.error) && upload.error.code === 'invalid_csv' ? Object.entries(upload.error.fields ?? {}) : [];
  return (
    <>
      <Anchor component={Link} to="/candidates" size="sm">
        ← {t('candidateDetail.back')}
      </Anchor>
      <PageHeader title={t('candidateImport.title')} description={t('candidateImport.description')} />
      <Stack maw={900}>
        <Paper withBorder p="lg">
          <Stack>
            <Text size="sm">{t('candidateImport.columns')}</Text>
            <Code block>{'prenom;nom;courriel;telephone;date_de_naissance;commune;langues;horaires;contrats\nAïcha;Benhamou;aicha@example.org;06 10 20 30 40;14/07/1992;80021;fr:C2|ar:B2;morning|afternoon;cdi'}</Code>
            <Group align="flex-end">
              <FileInput label={t('candidateImport.file')} accept=".csv,text/csv" value={file} onChange={setFile} clearable w={{ base: '100%', sm: 360 }} data-testid="import-file" />
              <Button disabled={!file || !code} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
                {t('candidateImport.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        {upload.isSuccess ? (
          <Alert color="green" variant="light" role="status" data-testid="import-done">
            {t('candidateImport.done', { count: upload.data.imported, n: format.number(upload.data.imported), duplicates: format.number(upload.data.duplicatesFlagged) })}{' '}
            {upload.data.duplicatesFlagged > 0 ? (
              <Anchor component={Link} to="/candidates/duplicates">
                {t('candidateImport.reviewDuplicates')}
              </Anchor>
            ) : null}
          </Alert>
        ) : null}
        {upload.isError && problems.length === 0 ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, upload.error)}
          </Alert>
        ) : null}
        {problems.length > 0 ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="import-report-title" data-testid="import-report">
            <Title order={2} size="h4" id="import-report-title" c="red.8">
              {t('candidateImport.rejected', { count: problems.length })}
            </Title>
            <Text size="sm" mb="sm">
              {t('candidateImport.nothingImported')}
            </Text>
            <Table.ScrollContainer minWidth={480}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('candidateImport.line')}</Table.Th>
                    <Table.Th scope="col">{t('candidateImport.column')}</Table.Th>
                    <Table.Th scope="col">{t('candidateImport.problem')}</Table.Th>
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
      </Stack>
    </>
  );
}
