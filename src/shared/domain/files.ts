/** A file the core made for the user to save or print (XLSX, PDF, CSV), carried as base64. */
export interface GeneratedFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}
