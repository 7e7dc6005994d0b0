/** Saves a file the core generated (XLSX, PDF) through the browser's download, or opens a PDF to print. */
import type { GeneratedFile } from '../shared/domain/files';

function toBlob(file: GeneratedFile): Blob {
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: file.mimeType });
}

export function saveFile(file: GeneratedFile): void {
  const url = URL.createObjectURL(toBlob(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
