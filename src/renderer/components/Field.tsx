/** A labelled form field with its error (and optional hint/warnings) right next to it. */
import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  warnings?: string[];
  children: ReactNode;
  required?: boolean;
}

export function Field({ id, label, error, hint, warnings, children, required }: FieldProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required" title="Wajib diisi" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {children}
      {hint && <div className="hint">{hint}</div>}
      {warnings?.map((w) => (
        <div key={w} className="warning" role="status">
          ⚠ {w}
        </div>
      ))}
      {error && (
        <div className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function ErrorBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="banner banner-error" role="alert">
      {message}
    </div>
  );
}
