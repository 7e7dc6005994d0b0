/**
 * The texts the desk sends to applicants, in polite, short Bahasa Indonesia. Pure: the same words in
 * the preview and in what is sent. Links and rules only — never a password or a passphrase.
 */
import type { MessageTemplate } from './messages';
import { formatDate } from './time';

export interface MessageVars {
  recipientName: string;
  referenceNo: string | null;
  /** Why the file came back (for `incomplete`). */
  returnReason: string | null;
  officialEmail: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** Today in the office zone (YYYY-MM-DD): an expiry in the past reads "telah berakhir". */
  today: string;
  office: { name: string; regency: string; address: string };
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

const date = (iso: string | null) => (iso ? formatDate(iso) : '-');

/** "Dinas Komunikasi dan Informatika Kabupaten Trenggalek" (the regency only when the name lacks it). */
export function officeSignature(office: MessageVars['office']): string {
  const name = office.name.trim();
  const regency = office.regency.trim();
  return regency && !name.toLowerCase().includes(regency.toLowerCase()) ? `${name} ${regency}` : name;
}

function letter(v: MessageVars, paragraphs: string[]): string {
  return [`Yth. Bapak/Ibu ${v.recipientName},`, ...paragraphs, `Hormat kami,\n${officeSignature(v.office)}`].join(
    '\n\n',
  );
}

const ref = (v: MessageVars) => (v.referenceNo ? ` (nomor permohonan ${v.referenceNo})` : '');
const serviceRoom = (v: MessageVars) =>
  `ruang layanan ${officeSignature(v.office)}${v.office.address.trim() ? `, ${v.office.address.trim()}` : ''}`;

const RENDERERS: Record<MessageTemplate, (v: MessageVars) => RenderedMessage> = {
  received: (v) => ({
    subject: `Berkas permohonan sertifikat elektronik diterima${v.referenceNo ? ` - ${v.referenceNo}` : ''}`,
    body: letter(v, [
      `Berkas permohonan sertifikat elektronik (TTE) Bapak/Ibu telah kami terima dengan nomor permohonan ${v.referenceNo ?? '-'}.`,
      'Berkas sedang kami proses sesuai SOP. Kami akan menghubungi Bapak/Ibu bila ada yang perlu dilengkapi atau untuk langkah berikutnya.',
      'Terima kasih.',
    ]),
  }),
  incomplete: (v) => ({
    subject: `Berkas permohonan perlu dilengkapi${v.referenceNo ? ` - ${v.referenceNo}` : ''}`,
    body: letter(v, [
      `Berkas permohonan sertifikat elektronik Bapak/Ibu${ref(v)} perlu dilengkapi:`,
      v.returnReason ?? '-',
      `Mohon sampaikan berkas perbaikan ke ${serviceRoom(v)} dengan menyebutkan nomor permohonan. Proses akan dilanjutkan setelah berkas lengkap.`,
      'Terima kasih.',
    ]),
  }),
  activate: (v) => ({
    subject: 'Aktivasi akun sertifikat elektronik BSrE',
    body: letter(v, [
      `Pendaftaran Bapak/Ibu di BSrE (Balai Besar Sertifikasi Elektronik) telah kami ajukan${ref(v)}. Langkah berikutnya:`,
      [
        `1. Buka kotak masuk email dinas ${v.officialEmail ?? 'Bapak/Ibu'} (periksa juga folder Spam).`,
        '2. Buka email aktivasi dari BSrE dan klik tautan aktivasi di dalamnya.',
        '3. Ikuti petunjuk di laman BSrE dan buat passphrase Anda sendiri.',
      ].join('\n'),
      'Passphrase bersifat rahasia: jangan berikan kepada siapa pun, termasuk petugas kami. Petugas tidak pernah meminta passphrase.',
      'Terima kasih.',
    ]),
  }),
  issued: (v) => ({
    subject: 'Sertifikat elektronik Bapak/Ibu telah terbit',
    body: letter(v, [
      `Sertifikat elektronik (TTE) Bapak/Ibu${ref(v)} telah terbit pada ${date(v.issuedAt)} dan berlaku sampai dengan ${date(v.expiresAt)}.`,
      `Silakan datang ke ${serviceRoom(v)} pada jam kerja untuk serah terima sertifikat dan menandatangani tanda terima. Mohon membawa KTP.`,
      'Terima kasih.',
    ]),
  }),
  expiring: (v) => {
    const past = v.expiresAt !== null && v.expiresAt < v.today;
    return {
      subject: past
        ? 'Masa berlaku sertifikat elektronik telah berakhir'
        : 'Masa berlaku sertifikat elektronik akan berakhir',
      body: letter(v, [
        `Masa berlaku sertifikat elektronik (TTE) Bapak/Ibu ${past ? 'telah berakhir' : 'akan berakhir'} pada ${date(v.expiresAt)}.`,
        `Agar tetap dapat menandatangani dokumen secara elektronik, mohon ajukan perpanjangan ke ${serviceRoom(v)} dengan membawa surat permohonan perpanjangan dari OPD, SK jabatan terakhir, dan KTP.`,
        'Terima kasih.',
      ]),
    };
  },
};

export function renderMessage(template: MessageTemplate, vars: MessageVars): RenderedMessage {
  return RENDERERS[template](vars);
}

/** The WhatsApp text: the subject in bold on top, then the letter. */
export function whatsappText(m: RenderedMessage): string {
  return `*${m.subject}*\n\n${m.body}`;
}
