import { Anchor } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/guichet';
import type { OfferInput } from '../../api/types';
import { useTerritory } from '../../app/territory';
import { CsvImportPanel } from '../../components/csv';
import { PageHeader } from '../../components/page-header';
import { OfferForm } from './offer-form';

export function NewOfferPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: OfferInput) => api.createOffer(code!, body),
    onSuccess: (offer) => {
      void queryClient.invalidateQueries({ queryKey: ['offers'] });
      navigate(`/offers/${offer.id}`);
    },
  });
  return (
    <>
      <Anchor component={Link} to="/offers" size="sm">
        ← {t('offers.back')}
      </Anchor>
      <PageHeader title={t('offerForm.newTitle')} />
      <OfferForm submitLabel={t('offerForm.publish')} pending={create.isPending} error={create.error} onSubmit={(body) => create.mutate(body)} />
    </>
  );
}

export function OfferImportPage() {
  const { t } = useTranslation();
  const { code } = useTerritory();
  const queryClient = useQueryClient();
  return (
    <>
      <Anchor component={Link} to="/offers" size="sm">
        ← {t('offers.back')}
      </Anchor>
      <PageHeader title={t('offers.importTitle')} description={t('offers.importDescription')} />
      <CsvImportPanel
        example={'title,site,occupation,contract,work_time,seats,start_date,languages,min_telephone,shifts\nTéléconseiller,Espace Saint-Leu,D1408,cdi,full_time,4,2027-03-01,fr:B2 en:B1,50,morning evening'}
        upload={(file) => api.importOffers(code!, file)}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['offers'] })}
      />
    </>
  );
}
