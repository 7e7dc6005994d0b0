/**
 * Password strength with feedback the counter staff understand: each rule that fails gives its own
 * Bahasa Indonesia sentence. Pure, so the form shows the same messages the core enforces
 * (users.create, password reset, first-run setup).
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Passwords people in an Indonesian office reach for first; compared after removing leading/trailing digits and symbols. */
const COMMON = new Set([
  'password',
  'passw0rd',
  'admin',
  'admin123',
  'administrator',
  'bismillah',
  'indonesia',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  'rahasia',
  'sayang',
  'sayangku',
  'cinta',
  'katasandi',
  'kata sandi',
  'sandi',
  'merdeka',
  'garuda',
  'pancasila',
  'alhamdulillah',
  'iloveyou',
  'welcome',
  'letmein',
  'changeme',
  'default',
  'pemda',
  'kominfo',
  'diskominfo',
  'loket',
  'loket tte',
  'tte',
  'bsre',
  'jakarta',
  'surabaya',
  'indonesiaraya',
  'abc123',
  'abcdefgh',
]);

/** Words in a full name that are titles or job words, not something that identifies the person. */
const NOT_PERSONAL = new Set([
  'admin',
  'administrator',
  'pegawai',
  'kepala',
  'dinas',
  'bidang',
  'seksi',
  'kadin',
  'kabid',
  'kasi',
  'verifikator',
  'staf',
  'operator',
  'petugas',
]);

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

export interface PasswordOwner {
  username?: string;
  fullName?: string;
}

const trimNonLetters = (s: string) => s.replace(/^[^a-z]+|[^a-z]+$/g, '');
const deLeet = (s: string) => s.replace(/[@401!3$57]/g, (c) => LEET[c] ?? c);

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const trimmed = trimNonLetters(lower);
  return [lower, trimmed, trimNonLetters(deLeet(trimmed))].some((candidate) => COMMON.has(candidate));
}

/** The rules that need no knowledge of the owner: length, variety, the common-password list. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`Kata sandi terlalu panjang (maksimal ${PASSWORD_MAX_LENGTH} karakter).`);
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3)
    problems.push('Kata sandi harus memuat sedikitnya 3 dari 4 jenis: huruf kecil, huruf besar, angka, dan simbol.');
  if (isCommon(password)) problems.push('Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.');
  return problems;
}

/** The rules about the owner: not their username, not a part of their name. */
export function personalPasswordProblems(password: string, owner: PasswordOwner): string[] {
  const lower = password.toLowerCase();
  const problems: string[] = [];
  const username = owner.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && lower.includes(username)) problems.push('Kata sandi tidak boleh memuat nama pengguna.');
  const parts = (owner.fullName ?? '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((part) => part.length >= 4 && !NOT_PERSONAL.has(part));
  const found = parts.find((part) => lower.includes(part));
  if (found) problems.push(`Kata sandi tidak boleh memuat bagian nama lengkap ("${found}").`);
  return problems;
}

/** Every problem, in the order the form shows them; empty when the password is acceptable. */
export function checkPasswordStrength(password: string, owner: PasswordOwner = {}): string[] {
  return [...passwordProblems(password), ...personalPasswordProblems(password, owner)];
}
