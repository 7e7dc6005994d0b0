/**
 * The fake activation email BSrE would send after a registration, so the training UI can show the
 * applicant what comes next. Nothing is ever sent; the link uses the reserved .invalid domain.
 */
import { randomBytes } from 'node:crypto';

import type { SimEmail } from './model';

export function activationEmail(to: { nama: string; email: string; nik: string }, at: Date): SimEmail {
  const activationLink = `https://aktivasi.simulasi-bsre.invalid/aktivasi/${randomBytes(12).toString('hex')}`;
  const body = [
    `Yth. ${to.nama},`,
    '',
    'Anda telah didaftarkan oleh instansi Anda untuk memperoleh sertifikat elektronik dari Balai Besar Sertifikasi Elektronik (BSrE).',
    'Silakan aktivasi akun melalui tautan berikut, lengkapi data identitas (foto KTP dan swafoto), lalu buat passphrase Anda:',
    '',
    activationLink,
    '',
    'Passphrase hanya untuk Anda. Jangan berikan kepada siapa pun, termasuk petugas loket.',
    '',
    'SUREL SIMULASI untuk latihan — tidak ada surel yang benar-benar dikirim dan tautan di atas tidak dapat dibuka.',
  ].join('\n');
  return {
    to: to.email,
    nik: to.nik,
    subject: '[SIMULASI] Aktivasi akun sertifikat elektronik BSrE',
    body,
    activationLink,
    at: at.toISOString(),
  };
}
