/**
 * Files of the intake form still being read and checked by the core (`intake.checkFile`). A save
 * clicked meanwhile would find the document missing ("Dokumen wajib belum diunggah") although the
 * verifier just chose it, so the form counts the checks in flight and holds its save button until
 * they are done. FileField reports through this context; the form provides it.
 */
import { createContext, useContext, useMemo, useState } from 'react';

export interface FileChecks {
  /** A check starts; the function it answers ends it (once). */
  begin(): () => void;
}

const FileChecksContext = createContext<FileChecks | null>(null);

export const FileChecksProvider = FileChecksContext.Provider;

/** For FileField: the form's counter, or null outside an intake form. */
export function useFileChecks(): FileChecks | null {
  return useContext(FileChecksContext);
}

/** For the form: how many checks are in flight, and the counter to provide. */
export function useFileCheckCounter(): { pending: number; checks: FileChecks } {
  const [pending, setPending] = useState(0);
  const checks = useMemo<FileChecks>(
    () => ({
      begin() {
        setPending((n) => n + 1);
        let ended = false;
        return () => {
          if (ended) return;
          ended = true;
          setPending((n) => n - 1);
        };
      },
    }),
    [],
  );
  return { pending, checks };
}
