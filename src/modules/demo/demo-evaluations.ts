/**
 * Demo item bank (French first) for the online tests of every territory, and demo results for part of
 * the synthetic population: online tests (attempts and their results) and telephone role-plays scored
 * by the territory's counsellor. Deterministic: the same rows on every machine (seededRandom).
 */
import type { Transaction } from 'kysely';
import { cefrFromScore, telephoneRolePlayRubric } from '../../core/evaluation/scoring.ts';
import type { DB, Pillar } from '../../db/schema.ts';
import { seededRandom } from './population.ts';

type DemoItem =
  | { pillar: Pillar; kind: 'multiple_choice'; language: string; prompt: string; choices: string[]; correct: number }
  | { pillar: Pillar; kind: 'search_task'; language: string; prompt: string; resource: string; accepted: string[] }
  | { pillar: 'it_tools'; kind: 'typing'; language: string; prompt: string };

const mc = (pillar: Pillar, language: string, prompt: string, choices: string[], correct: number): DemoItem => ({ pillar, kind: 'multiple_choice', language, prompt, choices, correct });

const timetable = `Ligne 4 — Gare ⇄ Hôpital (du lundi au samedi)
Départ Gare : 06:15 · 06:45 · 07:15 · 07:45 · 08:30 · 09:30 · 12:00 · 17:10 · 17:40 · 18:20
Durée du trajet : 22 minutes. Le dimanche : ligne 4D, départ Gare à 09:00, 13:00 et 18:00.
Tarifs : ticket 1,40 € ; carnet de 10 tickets 12,00 € ; abonnement mensuel 38,50 € (−50 % pour les moins de 26 ans).`;

const customerFile = `Fiche client n° 58213
Nom : Mme Armelle Caron — Client depuis : 12/03/2019
Contrat : Box Fibre 1 Gb/s, 39,99 €/mois, engagement jusqu'au 30/09/2025
Dernières factures : juin 39,99 € (payée) ; juillet 39,99 € (payée) ; août 54,99 € (en attente : option TV ajoutée le 05/08)
Incidents : 14/07 coupure signalée, résolue le 16/07 (geste commercial : 10 € sur la facture de septembre)
Conseiller référent : Julien — Canal préféré : SMS`;

const priceList = `Tarifs de la médiathèque (adhésion annuelle)
Habitant de la métropole : 15 € — Étudiant, demandeur d'emploi : gratuit — Hors métropole : 30 €
Prêt : 10 documents pour 4 semaines ; prolongation d'une semaine possible une fois, en ligne ou à l'accueil.
Pénalités de retard : 0,20 € par document et par jour ouvré, plafonnées à 5 € par document.
Horaires : mardi–vendredi 10:00–19:00 ; samedi 10:00–18:00 ; fermé dimanche et lundi.`;

const faq = `Questions fréquentes — Service après-vente
• Délai de remboursement après retour d'un article : 14 jours à compter de la réception au dépôt.
• Un article peut être retourné dans les 30 jours suivant la livraison, dans son emballage d'origine.
• Frais de retour : gratuits pour les membres Premium, 4,90 € sinon.
• Le numéro de suivi est envoyé par courriel dans les 48 heures suivant l'expédition.
• Service client joignable au 09 70 00 12 34, du lundi au vendredi de 8 h à 20 h.`;

/** The French bank shared by every territory, then language items per territory language. */
const frenchBank: DemoItem[] = [
  // telephone: knowledge of the call
  mc('telephone', 'fr', "Quelle est la première chose à faire quand vous décrochez pour un appel entrant ?", ['Demander le numéro de client', "Saluer, présenter l'entreprise et vous présenter", 'Mettre le client en attente', "Demander le motif de l'appel"], 1),
  mc('telephone', 'fr', 'Un client mécontent hausse le ton. Que faites-vous en premier ?', ['Vous hausser le ton à votre tour', "Raccrocher poliment", "L'écouter sans l'interrompre puis reformuler son problème", 'Le transférer immédiatement à un responsable'], 2),
  mc('telephone', 'fr', 'Reformuler la demande du client sert surtout à…', ["gagner du temps de parole", 'vérifier que vous avez bien compris et le montrer au client', 'remplir le silence', 'éviter de répondre'], 1),
  mc('telephone', 'fr', 'Avant de mettre un client en attente, vous devez…', ['ne rien dire', "lui demander son accord et annoncer la durée approximative", 'lancer la musique directement', 'lui demander de rappeler'], 1),
  mc('telephone', 'fr', 'Quelle formule convient le mieux en fin d’appel ?', ['« Voilà, c’est tout. »', '« Ai-je répondu à toutes vos questions ? Je vous souhaite une bonne journée. »', '« Au revoir. »', '« Rappelez si ça ne marche pas. »'], 1),
  mc('telephone', 'fr', 'Le « sourire au téléphone » désigne…', ['une blague pour détendre le client', 'une voix aimable et dynamique que le client entend', 'une pause dans la conversation', 'un script imposé'], 1),
  mc('telephone', 'fr', 'Le client vous donne son numéro de contrat. Que faites-vous ?', ['Vous le notez sans rien dire', 'Vous le relisez au client pour le confirmer', 'Vous lui demandez de l’envoyer par courrier', 'Vous passez à la question suivante'], 1),
  mc('telephone', 'fr', 'Vous ne connaissez pas la réponse à la question du client. Vous…', ['inventez une réponse plausible', 'dites que ce n’est pas votre travail', 'le dites honnêtement, cherchez l’information ou proposez un rappel à une heure convenue', 'raccrochez'], 2),
  mc('telephone', 'fr', 'Dans un centre de contacts, l’indicateur « DMT » désigne…', ['la durée moyenne de traitement d’un appel', 'le délai maximum de transfert', 'le débit moyen du téléphone', 'le dossier de mise en attente'], 0),
  // information search: documents to search
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Un usager part de la Gare un samedi à 08 h 30. À quelle heure arrive-t-il à l’Hôpital ? (format HH:MM)', resource: timetable, accepted: ['08:52', '8:52', '08h52', '8h52'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Combien coûte l’abonnement mensuel pour une personne de 22 ans ? (en euros)', resource: timetable, accepted: ['19,25', '19.25', '19,25 €', '19.25€'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Quel est le montant de la facture en attente de Mme Caron ? (en euros)', resource: customerFile, accepted: ['54,99', '54.99', '54,99 €'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Jusqu’à quelle date court l’engagement de la cliente ? (JJ/MM/AAAA)', resource: customerFile, accepted: ['30/09/2025'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Un lecteur rend un document avec 30 jours ouvrés de retard. Combien paie-t-il ? (en euros)', resource: priceList, accepted: ['5', '5,00', '5.00', '5 €'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Quel jour, en plus du dimanche, la médiathèque est-elle fermée ?', resource: priceList, accepted: ['lundi', 'le lundi'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'Combien coûte le retour d’un article pour un client qui n’est pas membre Premium ? (en euros)', resource: faq, accepted: ['4,90', '4.90', '4,9', '4,90 €'] },
  { pillar: 'information_search', kind: 'search_task', language: 'fr', prompt: 'En combien de jours, au plus, un article peut-il être retourné après la livraison ?', resource: faq, accepted: ['30', '30 jours'] },
  mc('information_search', 'fr', 'Pour trouver vite un mot dans une longue page web, vous utilisez…', ['Ctrl + F (ou Cmd + F)', 'Ctrl + P', 'la molette de la souris', 'Ctrl + Z'], 0),
  mc('information_search', 'fr', 'Quelle source est la plus fiable pour vérifier un horaire d’ouverture ?', ['Un forum de discussion', 'Le site officiel de l’organisme', 'Un ancien dépliant papier', 'Un message sur un réseau social'], 1),
  // IT tools
  mc('it_tools', 'fr', 'Quel raccourci copie le texte sélectionné ?', ['Ctrl + V', 'Ctrl + C', 'Ctrl + X', 'Ctrl + A'], 1),
  mc('it_tools', 'fr', 'Dans un tableur, la formule =SOMME(B2:B10) calcule…', ['la moyenne de B2 à B10', 'le total des cellules de B2 à B10', 'le nombre de cellules remplies', 'la plus grande valeur'], 1),
  mc('it_tools', 'fr', 'Un courriel demande de « confirmer votre mot de passe » via un lien inconnu. Vous…', ['cliquez et le saisissez', 'le transférez à vos collègues', 'ne cliquez pas et le signalez comme hameçonnage', 'répondez avec votre mot de passe'], 2),
  mc('it_tools', 'fr', 'Pour envoyer un courriel à une personne sans que les autres destinataires voient son adresse, vous la mettez en…', ['À', 'Cc', 'Cci', 'Objet'], 2),
  mc('it_tools', 'fr', 'Un logiciel CRM sert principalement à…', ['retoucher des photos', 'gérer la relation et l’historique des clients', 'écrire des lettres', 'protéger l’ordinateur des virus'], 1),
  mc('it_tools', 'fr', 'Quel raccourci annule la dernière action ?', ['Ctrl + Z', 'Ctrl + Y', 'Ctrl + S', 'Alt + F4'], 0),
  mc('it_tools', 'fr', 'Un fichier « .pdf » est…', ['un tableur modifiable', 'un document mis en page, prévu pour être lu ou imprimé tel quel', 'un programme', 'une image animée'], 1),
  {
    pillar: 'it_tools',
    kind: 'typing',
    language: 'fr',
    prompt:
      'Bonjour madame, je vous remercie de votre appel. Je vois que votre commande a bien été expédiée hier et qu’elle devrait vous être livrée jeudi avant midi. Souhaitez-vous recevoir le numéro de suivi par SMS ou par courriel ?',
  },
  {
    pillar: 'it_tools',
    kind: 'typing',
    language: 'fr',
    prompt:
      'Le client signale une coupure de sa connexion depuis ce matin. Après redémarrage de la box, le voyant reste orange. Un technicien passera mardi entre 14 h et 16 h ; un SMS de confirmation lui sera envoyé la veille.',
  },
];

const languageBanks: Record<string, DemoItem[]> = {
  en: [
    mc('language', 'en', 'Choose the right answer: “Could you ___ me your customer number, please?”', ['say', 'give', 'speak', 'talk'], 1),
    mc('language', 'en', '“I’m afraid the manager is not available at the moment.” This means the manager…', ['is afraid', 'cannot take the call now', 'has left the company', 'is very busy every day'], 1),
    mc('language', 'en', 'Choose the polite way to put a caller on hold.', ['Wait.', 'Hold on, I’m busy.', 'Would you mind holding for a moment while I check?', 'Call back later.'], 2),
    mc('language', 'en', 'Complete: “Your parcel ___ yesterday.”', ['is shipped', 'was shipped', 'has ship', 'shipping'], 1),
    mc('language', 'en', '“Could you spell your surname?” The caller should…', ['say it louder', 'give it letter by letter', 'write an email', 'repeat their first name'], 1),
    mc('language', 'en', 'Which sentence is correct?', ['I am working here since 2019.', 'I have been working here since 2019.', 'I work here since 2019.', 'I worked here since 2019.'], 1),
    mc('language', 'en', '“I’ll look into it and get back to you by Friday.” The agent promises to…', ['close the case', 'check and answer before the end of Friday', 'visit the customer', 'send a refund today'], 1),
    mc('language', 'en', 'Choose the best word: “We apologise for the ___.”', ['inconvenience', 'unconvenient', 'inconvenient', 'convenience'], 0),
  ],
  es: [
    mc('language', 'es', 'Elija la respuesta correcta: «¿Me ___ su número de cliente, por favor?»', ['dice', 'da', 'habla', 'pone'], 1),
    mc('language', 'es', '«Le paso con el departamento de facturación.» El agente va a…', ['colgar', 'transferir la llamada', 'enviar una factura', 'pedir un pago'], 1),
    mc('language', 'es', 'Complete: «Su pedido ___ ayer.»', ['sale', 'salió', 'saldrá', 'salir'], 1),
    mc('language', 'es', '¿Cuál es la forma más educada?', ['Espere.', '¿Le importa esperar un momento, por favor?', 'No cuelgue.', 'Ya le llamo.'], 1),
    mc('language', 'es', '«Disculpe las molestias» se usa para…', ['saludar', 'pedir perdón por un problema', 'despedirse', 'pedir un dato'], 1),
    mc('language', 'es', 'Complete: «Si tiene alguna duda, no ___ en llamarnos.»', ['duda', 'dude', 'dudar', 'dudó'], 1),
  ],
  de: [
    mc('language', 'de', 'Wählen Sie die richtige Antwort: „Können Sie mir bitte Ihre Kundennummer ___?“', ['sagen', 'geben', 'sprechen', 'machen'], 1),
    mc('language', 'de', '„Einen Moment bitte, ich verbinde Sie.“ Der Mitarbeiter…', ['legt auf', 'leitet den Anruf weiter', 'schickt eine E-Mail', 'beendet den Vertrag'], 1),
    mc('language', 'de', 'Ergänzen Sie: „Ihr Paket ___ gestern verschickt.“', ['wird', 'wurde', 'ist', 'hat'], 1),
    mc('language', 'de', 'Welche Formulierung ist am höflichsten?', ['Warten!', 'Würden Sie bitte kurz warten?', 'Moment.', 'Rufen Sie später an.'], 1),
    mc('language', 'de', '„Entschuldigen Sie die Unannehmlichkeiten.“ bedeutet…', ['eine Begrüßung', 'eine Entschuldigung für ein Problem', 'eine Rechnung', 'eine Frage'], 1),
    mc('language', 'de', 'Ergänzen Sie: „Ich rufe Sie morgen ___.“', ['an', 'auf', 'aus', 'zu'], 0),
  ],
  fr: [
    mc('language', 'fr', 'Choisissez la bonne réponse : « Pourriez-vous me ___ votre numéro de client ? »', ['dire', 'donner', 'parler', 'faire'], 1),
    mc('language', 'fr', 'Complétez : « Votre colis ___ expédié hier. »', ['est', 'a été', 'sera', 'était été'], 1),
    mc('language', 'fr', 'Quelle phrase est la plus polie ?', ['Attendez.', 'Patientez, je suis occupé.', 'Puis-je vous demander de patienter un instant ?', 'Rappelez plus tard.'], 2),
    mc('language', 'fr', '« Je reviens vers vous d’ici vendredi » signifie…', ['je viens chez vous vendredi', 'je vous donne une réponse avant la fin de vendredi', 'je pars en vacances', 'le dossier est clos'], 1),
    mc('language', 'fr', 'Complétez : « Si vous avez la moindre question, n’___ pas à nous rappeler. »', ['hésitez', 'hésiter', 'hésité', 'hésitait'], 0),
    mc('language', 'fr', '« Veuillez nous excuser pour la gêne occasionnée » sert à…', ['saluer', 'présenter des excuses', 'conclure une vente', 'demander un paiement'], 1),
  ],
};

/** Languages tested in each demo territory (besides French items written for everyone). */
const testedLanguages: Record<string, string[]> = { amiens: ['en'], besancon: ['en', 'de'], tanger: ['fr', 'es', 'en'] };

/** Share of each territory's synthetic population with demo results. */
const EVALUATED_SHARE = 0.3;
const BATCH = 1000;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Loads the item banks and the demo results. Called by seedDemo in its transaction. */
export async function seedDemoEvaluations(tx: Transaction<DB>): Promise<{ items: number; results: number }> {
  const territories = await tx.selectFrom('territories').select(['id', 'code']).orderBy('code').execute();
  let itemCount = 0;
  let resultCount = 0;
  for (const [index, t] of territories.entries()) {
    const advisor = await tx.selectFrom('users').select('id').where('territory_id', '=', t.id).where('role', '=', 'advisor').orderBy('email').executeTakeFirst();
    const counselor = await tx.selectFrom('users').select('id').where('territory_id', '=', t.id).where('role', '=', 'counselor').orderBy('email').executeTakeFirst();
    const bank = [...frenchBank, ...(testedLanguages[t.code] ?? ['en']).flatMap((l) => languageBanks[l] ?? [])];
    await tx
      .insertInto('evaluation_items')
      .values(
        bank.map((item) => ({
          territory_id: t.id,
          pillar: item.pillar,
          kind: item.kind,
          language_code: item.language,
          prompt: item.prompt,
          resource: item.kind === 'search_task' ? item.resource : '',
          choices: JSON.stringify(item.kind === 'multiple_choice' ? item.choices : []),
          correct_choice: item.kind === 'multiple_choice' ? item.correct : null,
          accepted_answers: item.kind === 'search_task' ? item.accepted : [],
          created_by: advisor?.id ?? null,
        })),
      )
      .execute();
    itemCount += bank.length;

    // Results for part of the synthetic population (not the demo candidate account, who starts fresh).
    const candidates = await tx
      .selectFrom('candidates')
      .select(['id'])
      .where('territory_id', '=', t.id)
      .where('user_id', 'is', null)
      .orderBy('email')
      .execute();
    const random = seededRandom(5000 + index);
    const base = Date.UTC(2024, 0, 8);
    const attempts: { id: string; candidate_id: string; territory_id: string; pillar: Pillar; language_code: string | null; started_at: Date; finished_at: Date; duration_seconds: number; score: number; typing_wpm: number | null; typing_accuracy: number | null }[] = [];
    const results: { candidate_id: string; pillar: Pillar; language_code: string | null; score: number; cefr_level: ReturnType<typeof cefrFromScore>; source: 'online_test' | 'assessor'; attempt_id: string | null; assessed_by: string | null; assessed_at: Date; ratings?: Record<string, number> }[] = [];
    const skill = (mean: number) => Math.max(0, Math.min(100, Math.round(mean + (random() + random() + random() - 1.5) * 40)));
    for (const c of candidates) {
      if (random() >= EVALUATED_SHARE) continue;
      let day = base + Math.floor(random() * 300) * 86_400_000;
      const online = (pillar: Pillar, language: string | null, score: number, typing = false) => {
        const started = new Date(day + (9 + Math.floor(random() * 8)) * 3_600_000);
        const duration = 300 + Math.floor(random() * 600);
        const finished = new Date(started.getTime() + duration * 1000);
        const id = uuidFrom(random);
        attempts.push({
          id,
          candidate_id: c.id,
          territory_id: t.id,
          pillar,
          language_code: language,
          started_at: started,
          finished_at: finished,
          duration_seconds: duration,
          score,
          typing_wpm: typing ? Math.round((20 + random() * 40) * 10) / 10 : null,
          typing_accuracy: typing ? Math.round((0.85 + random() * 0.15) * 1000) / 1000 : null,
        });
        results.push({ candidate_id: c.id, pillar, language_code: language, score, cefr_level: language ? cefrFromScore(score) : null, source: 'online_test', attempt_id: id, assessed_by: null, assessed_at: finished });
        day += 86_400_000;
      };
      online('information_search', null, skill(62));
      online('it_tools', null, skill(58), true);
      for (const language of testedLanguages[t.code] ?? []) if (random() < 0.6) online('language', language, skill(language === 'fr' ? 70 : 48));
      if (random() < 0.5 && counselor) {
        const ratings = Object.fromEntries(telephoneRolePlayRubric.criteria.map((criterion) => [criterion, Math.min(4, Math.floor(random() * 3) + (random() < 0.5 ? 1 : 2))]));
        const sum = Object.values(ratings).reduce((s, v) => s + v, 0);
        const score = Math.round((100 * sum) / (telephoneRolePlayRubric.criteria.length * telephoneRolePlayRubric.maxLevel));
        results.push({ candidate_id: c.id, pillar: 'telephone', language_code: null, score, cefr_level: null, source: 'assessor', attempt_id: null, assessed_by: counselor.id, assessed_at: new Date(day + 10 * 3_600_000), ratings });
      }
    }
    await insertBatches(attempts, (batch) =>
      tx
        .insertInto('evaluation_attempts')
        .values(batch.map((a) => ({ ...a, items: '[]', status: 'scored' as const, time_limit_seconds: 900 })))
        .execute(),
    );
    await insertBatches(results, async (batch) => {
      const ids = await tx
        .insertInto('evaluation_results')
        .values(batch.map(({ ratings: _ratings, ...r }) => r))
        .returning('id')
        .execute();
      const assessments = batch.flatMap((r, k) => (r.ratings ? [{ result_id: ids[k].id, rubric: telephoneRolePlayRubric.id, ratings: JSON.stringify(r.ratings), comment: '' }] : []));
      if (assessments.length) await tx.insertInto('evaluation_assessments').values(assessments).execute();
    });
    resultCount += results.length;
  }
  return { items: itemCount, results: resultCount };
}

/** A version-4-shaped uuid from the seeded generator, so attempt ids are the same on every run. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
