/**
 * Demo territories built on the public figures of DOMAIN.md §1. Company names are fictional; areas,
 * job counts and targets are the published ones where a source gave them.
 */
export interface DemoTerritory {
  code: string;
  name: string;
  country: 'FR' | 'MA';
  currency: string;
  contractHoursPerWeek: number;
  languages: string[];
  timezone: string;
  /** INSEE code (FR) or city name (MA) of the centre of the catchment area. */
  centreCommune: string;
  catchmentKm: number;
  candidates: number;
  sites: { name: string; commune: string; areaM2: number; availableM2: number; description: string; incentives: string[] }[];
  callCentres: { name: string; employer: string; activity: 'inbound_care' | 'outbound_sales' | 'help_desk' | 'back_office'; jobs: number; openedOn: string }[];
  targets: { year: number; jobs: number; label: string }[];
  trainingBodies: string[];
}

export const demoTerritories: DemoTerritory[] = [
  {
    code: 'amiens',
    name: 'Amiens Métropole',
    country: 'FR',
    currency: 'EUR',
    contractHoursPerWeek: 35,
    languages: ['fr', 'en'],
    timezone: 'Europe/Paris',
    centreCommune: '80021',
    catchmentKm: 40,
    candidates: 3000,
    // Amiens offered five sites of 1,600, 1,200, 1,500, 4,000 and 8,000 m² (public).
    sites: [
      { name: 'Espace Saint-Leu', commune: '80021', areaM2: 1600, availableM2: 1600, description: 'Plateau rénové en centre-ville, fibre optique.', incentives: ['zone_franche_urbaine', 'telecom_conditions'] },
      { name: 'Immeuble Gare-la-Vallée', commune: '80021', areaM2: 1200, availableM2: 1200, description: 'Bureaux à 5 minutes de la gare.', incentives: ['telecom_conditions'] },
      { name: 'Pôle Jules-Verne', commune: '80021', areaM2: 1500, availableM2: 900, description: 'Parc tertiaire avec restauration.', incentives: ['recruitment_support'] },
      { name: 'Parc d’activités Nord', commune: '80021', areaM2: 4000, availableM2: 4000, description: 'Bâtiment neuf divisible en plateaux.', incentives: ['zone_franche_urbaine', 'recruitment_support'] },
      { name: 'Zone tertiaire Sud', commune: '80021', areaM2: 8000, availableM2: 8000, description: 'Terrain viabilisé et bâtiment clé en main.', incentives: ['zone_franche_urbaine', 'telecom_conditions', 'recruitment_support'] },
    ],
    // 8 call centres employed 751 people (public).
    callCentres: [
      { name: 'Picardie Contact', employer: 'Picardie Contact SA', activity: 'inbound_care', jobs: 180, openedOn: '1997-09-01' },
      { name: 'Somme Assistance', employer: 'Somme Assistance', activity: 'help_desk', jobs: 120, openedOn: '1998-03-01' },
      { name: 'Relation Client Amiens', employer: 'RCA Services', activity: 'inbound_care', jobs: 110, openedOn: '1998-06-15' },
      { name: 'Télévente Nord', employer: 'Télévente Nord', activity: 'outbound_sales', jobs: 95, openedOn: '1998-11-01' },
      { name: 'Banque Directe Picardie', employer: 'Banque Directe', activity: 'inbound_care', jobs: 85, openedOn: '1999-01-10' },
      { name: 'Assur’Appel', employer: 'Assur’Appel', activity: 'inbound_care', jobs: 70, openedOn: '1999-04-01' },
      { name: 'Hotline Informatique 80', employer: 'HI80', activity: 'help_desk', jobs: 55, openedOn: '1999-09-01' },
      { name: 'Back-office Saint-Leu', employer: 'Gestion Saint-Leu', activity: 'back_office', jobs: 36, openedOn: '2000-01-03' },
    ],
    // target of 1,285 jobs for 2000 and 5,000 in the long run (public)
    targets: [
      { year: 2000, jobs: 1285, label: 'Objectif 2000' },
      { year: 2010, jobs: 5000, label: 'Objectif à long terme' },
    ],
    trainingBodies: ['Université du centre d’appels de Picardie'],
  },
  {
    code: 'besancon',
    name: 'Besançon / Franche-Comté',
    country: 'FR',
    currency: 'EUR',
    contractHoursPerWeek: 35,
    languages: ['fr', 'en', 'de'],
    timezone: 'Europe/Paris',
    centreCommune: '25056',
    catchmentKm: 40,
    candidates: 2000,
    // a 3,000 m² building on a 9,000 m² site in Besançon; ~100,000 m² claimed around Belfort (public)
    sites: [
      { name: 'Bâtiment Temis', commune: '25056', areaM2: 3000, availableM2: 3000, description: 'Bâtiment de 3 000 m² sur un terrain de 9 000 m².', incentives: ['recruitment_support'] },
      { name: 'Aire urbaine de Belfort', commune: '90010', areaM2: 100000, availableM2: 100000, description: 'Surfaces disponibles annoncées pour l’aire urbaine Belfort-Montbéliard.', incentives: ['telecom_conditions'] },
    ],
    // ~400 existing jobs in five firms (public)
    callCentres: [
      { name: 'Comtoise de Services', employer: 'Comtoise de Services', activity: 'inbound_care', jobs: 120, openedOn: '1996-05-01' },
      { name: 'Doubs Télé-Assistance', employer: 'Doubs Télé-Assistance', activity: 'help_desk', jobs: 90, openedOn: '1997-02-01' },
      { name: 'Jura Ventes', employer: 'Jura Ventes', activity: 'outbound_sales', jobs: 80, openedOn: '1998-09-01' },
      { name: 'Franche-Comté Mutuelle Contact', employer: 'FC Mutuelle', activity: 'inbound_care', jobs: 60, openedOn: '1999-03-01' },
      { name: 'Horlogerie Service Client', employer: 'Horlogerie SC', activity: 'back_office', jobs: 50, openedOn: '1999-10-01' },
    ],
    // ~400 jobs a year expected (public)
    targets: [
      { year: 2000, jobs: 800, label: '400 emplois par an' },
      { year: 2001, jobs: 1200, label: '400 emplois par an' },
    ],
    trainingBodies: ['DEUST Métiers de la relation client (FOAD)'],
  },
  {
    code: 'tanger',
    name: 'Tanger-Tétouan',
    country: 'MA',
    currency: 'MAD',
    contractHoursPerWeek: 44,
    languages: ['ar', 'fr', 'es', 'en'],
    timezone: 'Africa/Casablanca',
    centreCommune: 'Tangier',
    catchmentKm: 60,
    candidates: 3000,
    sites: [
      { name: 'Parc offshoring de Tanger', commune: 'Tangier', areaM2: 12000, availableM2: 8000, description: 'Zone dédiée aux centres de relation client, francophones et hispanophones.', incentives: ['offshoring_zone', 'telecom_conditions'] },
      { name: 'Centre d’affaires Tétouan', commune: 'Tétouan', areaM2: 2500, availableM2: 2500, description: 'Plateaux équipés en centre-ville.', incentives: ['recruitment_support'] },
    ],
    callCentres: [
      { name: 'Détroit Contact', employer: 'Détroit Contact SARL', activity: 'inbound_care', jobs: 320, openedOn: '2007-03-01' },
      { name: 'Hispano Call Tanger', employer: 'Hispano Call', activity: 'outbound_sales', jobs: 210, openedOn: '2008-01-15' },
      { name: 'Support Informatique Nord', employer: 'SIN Maroc', activity: 'help_desk', jobs: 140, openedOn: '2008-09-01' },
    ],
    targets: [{ year: 2010, jobs: 2500, label: 'Objectif régional' }],
    trainingBodies: ['Centre de formation aux métiers de la relation client'],
  },
];

export const DEMO_PASSWORD = 'guichet-demo';
export const demoRoles = ['advisor', 'counselor', 'employer', 'trainer', 'candidate'] as const;
export const demoEmail = (role: string, territory: string) => `${role}@${territory}.demo`;
export const DEMO_ADMIN_EMAIL = 'admin@guichet.demo';
