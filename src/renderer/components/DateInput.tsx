/**
 * The one date field of the app: typed and shown as dd/mm/yyyy whatever the browser's language
 * ("05112026" becomes 05/11/2026, 5 November 2026), never the browser's own date picker (which
 * follows the OS locale and may show English or month-first). The value in and out is YYYY-MM-DD;
 * an incomplete or impossible date gives '' and says so next to the field.
 */
import { useEffect, useState } from 'react';

import { formatDate } from '../../shared/domain/time';
import { formatIndonesianDate, maskDateTyping, parseIndonesianDate } from '../../shared/intake/dates';

interface Props {
  id: string;
  value: string;
  onChange: (iso: string) => void;
  onBlur?: () => void;
  min?: string;
  max?: string;
  required?: boolean;
  className?: string;
  'aria-label'?: string;
}

export function DateInput({ id, value, onChange, onBlur, min, max, required, className, ...aria }: Props) {
  const [text, setText] = useState(() => formatIndonesianDate(value));
  const [problem, setProblem] = useState<string | null>(null);

  // A new value from outside (draft restored, letter read) replaces what is shown.
  useEffect(() => {
    setText((shown) => (parseIndonesianDate(shown) === value ? shown : formatIndonesianDate(value)));
  }, [value]);

  const change = (typed: string) => {
    const shown = maskDateTyping(typed.replace(/[^\d/.-]/g, ''));
    setText(shown);
    const iso = parseIndonesianDate(shown);
    const digits = shown.replace(/\D/g, '');
    if (iso && ((min && iso < min) || (max && iso > max))) {
      setProblem(
        max && iso > max
          ? `Paling lambat ${formatIndonesianDate(max)}`
          : `Paling awal ${formatIndonesianDate(min ?? '')}`,
      );
      onChange('');
      return;
    }
    setProblem(!iso && digits.length >= 8 ? 'Tanggal tidak ada di kalender; ketik hh/bb/tttt, mis. 05/11/2026' : null);
    onChange(iso ?? '');
  };

  const iso = parseIndonesianDate(text);
  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="hh/bb/tttt"
        maxLength={10}
        value={text}
        required={required}
        className={className}
        aria-describedby={`${id}-date-hint`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => {
          if (text && !iso && !problem) setProblem('Tanggal belum lengkap; ketik hh/bb/tttt, mis. 05/11/2026');
          onBlur?.();
        }}
        {...aria}
      />
      <span
        id={`${id}-date-hint`}
        className={problem ? 'date-hint date-problem' : 'date-hint muted'}
        role={problem ? 'alert' : undefined}
      >
        {problem ?? (iso ? formatDate(iso) : 'hh/bb/tttt')}
      </span>
    </span>
  );
}
