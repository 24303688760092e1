import PDFDocument from 'pdfkit';

export interface CertificateData {
  enrolmentId: string;
  candidateName: string;
  sessionTitle: string;
  diploma: string;
  trainingBody: string;
  territory: string;
  startsOn: string;
  endsOn: string;
  hours: number | null;
  mode: 'on_site' | 'distance';
  grade: number | null;
  daysPresent: number;
  daysRecorded: number;
  completedAt: Date;
}

const TEXT = {
  fr: {
    title: 'Attestation de fin de formation',
    certifies: (body: string) => `${body} atteste que`,
    followed: 'a suivi avec succès la formation',
    leadingTo: 'préparant au diplôme ou certificat :',
    from: (a: string, b: string) => `du ${a} au ${b}`,
    hours: (h: number) => `durée : ${h} heures`,
    mode: { on_site: 'en présentiel', distance: 'à distance' },
    grade: (g: string) => `note finale : ${g} / 20`,
    attendance: (p: number, r: number) => `présence : ${p} jour(s) sur ${r} enregistré(s)`,
    done: (place: string, date: string) => `Fait à ${place}, le ${date}`,
    number: 'Attestation n°',
  },
  en: {
    title: 'Certificate of completion',
    certifies: (body: string) => `${body} certifies that`,
    followed: 'has successfully completed the training',
    leadingTo: 'leading to the diploma or certificate:',
    from: (a: string, b: string) => `from ${a} to ${b}`,
    hours: (h: number) => `duration: ${h} hours`,
    mode: { on_site: 'on site', distance: 'distance learning' },
    grade: (g: string) => `final grade: ${g} / 20`,
    attendance: (p: number, r: number) => `attendance: ${p} of ${r} recorded day(s)`,
    done: (place: string, date: string) => `Issued in ${place} on ${date}`,
    number: 'Certificate no.',
  },
} as const;

/** The certificate number printed on the PDF: the year of completion and the enrolment id's first digits. */
export function certificateNumber(enrolmentId: string, completedAt: Date): string {
  return `${completedAt.getUTCFullYear()}-${enrolmentId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

function longDate(iso: string | Date, locale: 'fr' | 'en'): string {
  const d = typeof iso === 'string' ? new Date(`${iso}T12:00:00Z`) : iso;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A one-page A4 certificate of completion (standard PDF fonts, no external resource). */
export function renderCertificate(data: CertificateData, locale: 'fr' | 'en'): Promise<Buffer> {
  const t = TEXT[locale];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    info: { Title: `${t.title} — ${data.candidateName}`, Author: data.trainingBody, Subject: data.sessionTitle, CreationDate: data.completedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 128;
  doc.rect(40, 40, doc.page.width - 80, doc.page.height - 80).lineWidth(2).stroke('#1c4e80');
  doc.moveDown(2).font('Helvetica-Bold').fontSize(24).fillColor('#1c4e80').text(t.title, { align: 'center', width });
  doc.moveDown(2).font('Helvetica').fontSize(13).fillColor('black').text(t.certifies(data.trainingBody), { align: 'center', width });
  doc.moveDown(1).font('Helvetica-Bold').fontSize(20).text(data.candidateName, { align: 'center', width });
  doc.moveDown(1).font('Helvetica').fontSize(13).text(t.followed, { align: 'center', width });
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).text(data.sessionTitle, { align: 'center', width });
  if (data.diploma) {
    doc.moveDown(0.5).font('Helvetica').fontSize(12).text(t.leadingTo, { align: 'center', width });
    doc.font('Helvetica-Oblique').text(data.diploma, { align: 'center', width });
  }
  doc.moveDown(1.5).font('Helvetica').fontSize(12);
  const lines = [
    `${t.from(longDate(data.startsOn, locale), longDate(data.endsOn, locale))} — ${t.mode[data.mode]}`,
    ...(data.hours ? [t.hours(data.hours)] : []),
    ...(data.daysRecorded > 0 ? [t.attendance(data.daysPresent, data.daysRecorded)] : []),
    ...(data.grade !== null ? [t.grade(locale === 'fr' ? String(data.grade).replace('.', ',') : String(data.grade))] : []),
  ];
  for (const line of lines) doc.text(line, { align: 'center', width });
  doc.moveDown(3).text(t.done(data.territory, longDate(data.completedAt, locale)), { align: 'right', width });
  doc.moveDown(0.5).font('Helvetica-Bold').text(data.trainingBody, { align: 'right', width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(`${t.number} ${certificateNumber(data.enrolmentId, data.completedAt)}`, 64, doc.page.height - 90, { align: 'center', width });
  doc.end();
  return done;
}
