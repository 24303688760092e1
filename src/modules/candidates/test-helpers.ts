/** Helpers shared by the candidates tests (not a test file itself). */
import { randomBytes } from 'node:crypto';

/** A multipart/form-data body with one file field "file" and optional text fields. */
export function multipart(filename: string, content: Buffer | string, contentType = 'application/octet-stream', fields: Record<string, string> = {}) {
  const boundary = `----guichet${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`));
  parts.push(Buffer.isBuffer(content) ? content : Buffer.from(content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal valid-looking PDF of about `sizeBytes` bytes. */
export function fakePdf(sizeBytes = 2_000): Buffer {
  const head = Buffer.from('%PDF-1.4\n% guichet test\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, sizeBytes - head.length), 0x20)]);
}

let counter = 0;
/** A registration body with a unique email. */
export function registration(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    territoryCode: 'amiens',
    firstName: 'Inès',
    lastName: `Testeuse${counter}`,
    email: `ines.test.${counter}.${randomBytes(3).toString('hex')}@example.org`,
    password: 'un-mot-de-passe-solide',
    consents: { processing: true, jobAlerts: true },
    ...overrides,
  };
}
