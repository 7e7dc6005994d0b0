/**
 * The name BSrE registers: the name as written on the letter, without academic or professional
 * titles ("gelar"), spacing normalized, case kept exactly as typed. The letter and the recap keep
 * the name as written; only the BSrE registration uses this one. Pure, so the intake screen can
 * show the same result the core stores.
 */

/** Titles written before the name ("Dr. Ir. H. Budi"). Compared without dots and case. */
const PREFIX_TITLES = new Set(['dr', 'drs', 'dra', 'ir', 'prof', 'h', 'hj', 'kh', 'drg', 'apt', 'ns', 'ners']);

/**
 * Titles after the name, compared without dots, spaces and case. Anything after the first comma is
 * a title in Indonesian usage ("Budi Santoso, S.Kom., M.T."); the list catches titles written
 * without a comma ("Budi Santoso S.Kom").
 */
const SUFFIX_TITLES = new Set([
  'sh',
  'se',
  'st',
  'sp',
  'spd',
  'spdi',
  'sag',
  'sos',
  'ssos',
  'sip',
  'skom',
  'sked',
  'skm',
  'skep',
  'ssi',
  'ssit',
  'sst',
  'stp',
  'spt',
  'sikom',
  'sak',
  'sfarm',
  'shi',
  'sthi',
  'sth',
  'ssn',
  'shut',
  'sia',
  'str',
  'strkom',
  'amd',
  'amdkep',
  'amdkeb',
  'amdkom',
  'amdkes',
  'amk',
  'spsi',
  'mm',
  'mt',
  'mh',
  'msi',
  'mpd',
  'mkom',
  'mkes',
  'mkm',
  'mkn',
  'mag',
  'mba',
  'mph',
  'msc',
  'map',
  'mak',
  'mpp',
  'mtcs',
  'phd',
  'mars',
  'ak',
  'cpa',
  'spog',
  'sppd',
  'spb',
  'bsc',
]);

const squash = (word: string) => word.toLowerCase().replace(/[.\s]/g, '');

/**
 * True for a listed title ("S.Kom.", "MT", "A.Md.Kep"). Only listed ones: a dotted word may be a
 * name ("M.Ali"), so unknown abbreviations stay — the verifier sees the BSrE name and can fix it.
 */
function isSuffixTitle(word: string): boolean {
  return SUFFIX_TITLES.has(squash(word));
}

/**
 * "Dr. Ir. H. Budi  Santoso, S.Kom., M.T." → "Budi Santoso". Case is kept ("budi SANTOSO" stays so):
 * BSrE compares the name with Dukcapil data, and changing case silently hides typing errors.
 */
export function bsreName(written: string): string {
  const spaced = written.replace(/\s+/g, ' ').trim();
  if (!spaced) return '';
  // Everything after the first comma is titles ("Budi, S.Kom., M.T.")
  const main = spaced.split(',')[0] ?? spaced;
  const words = main
    .split(' ')
    .map((w) => w.trim())
    .filter(Boolean);
  while (words.length > 1 && PREFIX_TITLES.has(squash(words[0] ?? ''))) words.shift();
  while (words.length > 1 && isSuffixTitle(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** True when the BSrE name differs from the name as written (the screen shows both then). */
export function bsreNameDiffers(written: string): boolean {
  return bsreName(written) !== written.trim();
}

/**
 * The name to keep on the application when the verifier confirms the card's name: the card prints it
 * upper-case and without titles, so when it is the same name as written ("FITRI PERTIWI" for
 * "Dr. Fitri Pertiwi, S.Kom., M.T.") the written form stays; a different name is a correction.
 */
export function nameAfterCardConfirmation(written: string, confirmed: string): string {
  const fold = (name: string) => bsreName(name).toLocaleUpperCase('id-ID');
  return written.trim() !== '' && fold(written) === fold(confirmed) ? written : confirmed;
}
