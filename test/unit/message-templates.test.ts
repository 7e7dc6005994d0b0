/**
 * The message texts and links: each template carries its own facts in Indonesian with Indonesian
 * dates, links survive newlines and `&`, phones become 62…, and no text ever holds a secret.
 */
import { describe, expect, it } from 'vitest';

import {
  type MessageVars,
  officeSignature,
  renderMessage,
  whatsappText,
} from '../../src/shared/domain/message-templates';
import {
  applicationFacts,
  mailtoLink,
  maskRecipient,
  MESSAGE_TEMPLATES,
  type MessageFacts,
  normalizePhone,
  whatsappLink,
  whyNotApplicable,
} from '../../src/shared/domain/messages';

const VARS: MessageVars = {
  recipientName: 'Budi Santoso',
  referenceNo: 'TTE-2025-0007',
  returnReason: 'Scan SK terakhir tidak terbaca & belum ditandatangani',
  officialEmail: 'budi.santoso@trenggalekkab.go.id',
  issuedAt: '2025-03-10',
  expiresAt: '2027-03-09',
  today: '2025-03-10',
  office: {
    name: 'Dinas Komunikasi dan Informatika',
    regency: 'Kabupaten Trenggalek',
    address: 'Jl. Panglima Sudirman No. 1',
  },
};

const SIGNATURE = 'Dinas Komunikasi dan Informatika Kabupaten Trenggalek';

describe('templates', () => {
  it('every template greets the recipient by name and is signed with the office', () => {
    for (const t of MESSAGE_TEMPLATES) {
      const m = renderMessage(t, VARS);
      expect(m.subject.length).toBeGreaterThan(10);
      expect(m.body.startsWith('Yth. Bapak/Ibu Budi Santoso,')).toBe(true);
      expect(m.body.endsWith(`Hormat kami,\n${SIGNATURE}`)).toBe(true);
    }
  });

  it('received: the reference number in subject and body', () => {
    const m = renderMessage('received', VARS);
    expect(m.subject).toBe('Berkas permohonan sertifikat elektronik diterima - TTE-2025-0007');
    expect(m.body).toContain('telah kami terima dengan nomor permohonan TTE-2025-0007');
  });

  it('incomplete: the return reason verbatim and where to bring the correction', () => {
    const m = renderMessage('incomplete', VARS);
    expect(m.body).toContain('perlu dilengkapi:\n\nScan SK terakhir tidak terbaca & belum ditandatangani');
    expect(m.body).toContain(`ruang layanan ${SIGNATURE}, Jl. Panglima Sudirman No. 1`);
  });

  it('activate: the official inbox incl. spam, the BSrE link, an own passphrase never shared — rules only', () => {
    const m = renderMessage('activate', VARS);
    expect(m.body).toContain('email dinas budi.santoso@trenggalekkab.go.id (periksa juga folder Spam)');
    expect(m.body).toContain('klik tautan aktivasi');
    expect(m.body).toContain('buat passphrase Anda sendiri');
    expect(m.body).toContain('jangan berikan kepada siapa pun');
    expect(renderMessage('activate', { ...VARS, officialEmail: null }).body).toContain(
      'email dinas Bapak/Ibu (periksa',
    );
  });

  it('issued: issue and expiry dates in Indonesian, and how to collect it', () => {
    const m = renderMessage('issued', VARS);
    expect(m.body).toContain('telah terbit pada 10 Maret 2025 dan berlaku sampai dengan 9 Maret 2027');
    expect(m.body).toContain('serah terima sertifikat');
    expect(m.body).toContain('membawa KTP');
  });

  it('expiring: "akan berakhir" before the date, "telah berakhir" after, and the documents for renewal', () => {
    const soon = renderMessage('expiring', { ...VARS, today: '2027-02-01' });
    expect(soon.subject).toBe('Masa berlaku sertifikat elektronik akan berakhir');
    expect(soon.body).toContain('akan berakhir pada 9 Maret 2027');
    expect(soon.body).toContain('perpanjangan');
    const past = renderMessage('expiring', { ...VARS, today: '2027-04-01' });
    expect(past.body).toContain('telah berakhir pada 9 Maret 2027');
  });

  it('the office signature does not repeat a regency already in the name', () => {
    expect(officeSignature({ name: 'Dinas Kominfo Kota Madiun', regency: 'Kota Madiun', address: '' })).toBe(
      'Dinas Kominfo Kota Madiun',
    );
  });

  it('no template holds a password or passphrase value, and user input never adds one', () => {
    const secretLike = /(passphrase|kata sandi|password|sandi)\s*[:=]\s*\S/i;
    const hostile: MessageVars = { ...VARS, returnReason: 'Perbaiki SK', recipientName: 'Sari' };
    for (const t of MESSAGE_TEMPLATES) {
      const m = renderMessage(t, hostile);
      expect(secretLike.test(m.subject + m.body), t).toBe(false);
      expect(m.body).not.toContain('RahasiaAdmin2025');
      expect(m.body).not.toContain('latihan');
    }
  });
});

describe('links', () => {
  it('wa.me carries the 62 number and the text url-encoded, newlines and & included', () => {
    const text = whatsappText(renderMessage('incomplete', VARS));
    const link = whatsappLink('6281234567890', text);
    expect(link.startsWith('https://wa.me/6281234567890?text=*Berkas%20permohonan')).toBe(true);
    expect(link).toContain('%0A%0A');
    expect(link).toContain('%26%20belum');
    expect(link).not.toMatch(/\s/);
    expect(link).not.toContain('&');
    expect(decodeURIComponent(new URL(link).search.slice('?text='.length))).toBe(text);
    expect(new URL(link).searchParams.get('text')).toBe(text);
  });

  it('mailto: subject and body encoded, CRLF line breaks, a single query', () => {
    const m = renderMessage('incomplete', VARS);
    const link = mailtoLink('budi+tte@contoh.go.id', m.subject, m.body);
    expect(
      link.startsWith(
        'mailto:budi%2Btte@contoh.go.id?subject=Berkas%20permohonan%20perlu%20dilengkapi%20-%20TTE-2025-0007&body=',
      ),
    ).toBe(true);
    expect(link.split('&')).toHaveLength(2);
    expect(link).toContain('%0D%0A%0D%0AScan%20SK%20terakhir%20tidak%20terbaca%20%26%20belum');
    const body = decodeURIComponent(link.slice(link.indexOf('&body=') + 6));
    expect(body).toBe(m.body.replace(/\n/g, '\r\n'));
  });

  it('phones: 08…, +62…, 62… and 8… all become 62…; anything else is refused', () => {
    expect(normalizePhone('081234567890')).toBe('6281234567890');
    expect(normalizePhone('+62 812-3456-7890')).toBe('6281234567890');
    expect(normalizePhone('62812.3456.7890')).toBe('6281234567890');
    expect(normalizePhone('(0812) 3456 7890')).toBe('6281234567890');
    expect(normalizePhone('81234567890')).toBe('6281234567890');
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('0812')).toBeNull();
    expect(normalizePhone('12345678901')).toBeNull();
    expect(normalizePhone('0812abc67890')).toBeNull();
  });

  it('masks keep only the edges of a recipient', () => {
    expect(maskRecipient('whatsapp', '6281234567890')).toBe('6281••••890');
    expect(maskRecipient('email', 'budi.santoso@contoh.go.id')).toBe('bu••••@contoh.go.id');
  });
});

describe('which templates fit', () => {
  const fits = (f: MessageFacts) => MESSAGE_TEMPLATES.filter((t) => whyNotApplicable(t, f) === null);
  const cert = { issuedAt: '2025-03-10', expiresAt: '2027-03-09' };
  const registration = { kind: 'completed', data: { bsreRegistration: { reference: '' } } };

  it('follows the application through its states', () => {
    expect(fits(applicationFacts({ status: 'inProgress', returnReason: null, certificate: null, events: [] }))).toEqual(
      ['received'],
    );
    expect(
      fits(applicationFacts({ status: 'returned', returnReason: 'SK kurang', certificate: null, events: [] })),
    ).toEqual(['received', 'incomplete']);
    expect(
      fits(applicationFacts({ status: 'inProgress', returnReason: null, certificate: null, events: [registration] })),
    ).toEqual(['received', 'activate']);
    expect(
      fits(applicationFacts({ status: 'completed', returnReason: null, certificate: cert, events: [registration] })),
    ).toEqual(['issued', 'expiring']);
    expect(fits(applicationFacts({ status: 'rejected', returnReason: null, certificate: null, events: [] }))).toEqual(
      [],
    );
  });

  it('a holder in the recap gets only the certificate messages', () => {
    expect(fits({ kind: 'holder', status: null, returnReason: null, registered: true, certificate: cert })).toEqual([
      'issued',
      'expiring',
    ]);
  });
});
