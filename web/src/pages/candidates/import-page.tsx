import { Anchor } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/guichet';
import { useFormat } from '../../app/format';
import { useTerritory } from '../../app/territory';
import { CsvImportPanel } from '../../components/csv';
import { PageHeader } from '../../components/page-header';

/** Import candidates from a CSV file, all or nothing, with the report of every bad line. */
export function CandidateImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  return (
    <>
      <Anchor component={Link} to="/candidates" size="sm">
        ← {t('candidateDetail.back')}
      </Anchor>
      <PageHeader title={t('candidateImport.title')} description={t('candidateImport.description')} />
      {code ? (
        <CsvImportPanel
          example={'prenom;nom;courriel;telephone;date_de_naissance;commune;langues;horaires;contrats\nAïcha;Benhamou;aicha@example.org;06 10 20 30 40;14/07/1992;80021;fr:C2|ar:B2;morning|afternoon;cdi'}
          upload={(file) => api.importCandidates(code, file)}
          onDone={() => {
            void queryClient.invalidateQueries({ queryKey: ['candidates'] });
            void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
          }}
          renderDone={(report) => (
            <>
              {t('candidateImport.done', { count: report.imported, n: format.number(report.imported), duplicates: format.number(report.duplicatesFlagged) })}{' '}
              {report.duplicatesFlagged > 0 ? (
                <Anchor component={Link} to="/candidates/duplicates">
                  {t('candidateImport.reviewDuplicates')}
                </Anchor>
              ) : null}
            </>
          )}
        />
      ) : null}
    </>
  );
}
