/**
 * The core's side of the reader thread (reader-tasks.ts): KTP cards and letters are read there, with
 * the engines' file locations the host gave (the packaged app's app.asar.unpacked). One thread: a
 * card queued behind another waits its turn instead of starting a second tesseract.
 */
import type { KtpOcrResult } from '../../../shared/domain/identity';
import type { LetterReading } from '../../../shared/domain/staff';
import type { KtpHints } from '../../../shared/identity/ktp/parser';
import type { LetterOcrOptions } from '../letters/letter-ocr';
import type { KtpOcrOptions } from '../ocr/engine';
import { WorkerPool } from './pool';
import type { ReaderTasks } from './reader-tasks';

export interface ReaderThreadOptions {
  /** Where the unzipped language data goes (a folder the thread can write). */
  tessdataDir: string;
  langPackagesDir?: string;
  tesseractWorker?: string;
  sqliteBinding?: string;
}

/** An exact copy: a view would send its whole backing buffer (a request body holding every document). */
const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b);

export class ReaderThread {
  private readonly pool: WorkerPool<ReaderTasks>;
  /** Where the models and tesseract's worker script are; the KTP and the letter reader need the same. */
  private readonly where: KtpOcrOptions & LetterOcrOptions;

  constructor(options: ReaderThreadOptions) {
    this.pool = new WorkerPool<ReaderTasks>({ size: 1, kind: 'reader', sqliteBinding: options.sqliteBinding });
    this.where = {
      tessdataDir: options.tessdataDir,
      ...(options.langPackagesDir ? { langPackagesDir: options.langPackagesDir } : {}),
      ...(options.tesseractWorker ? { workerPath: options.tesseractWorker } : {}),
    };
  }

  /** Starts the thread and its tesseract worker now (the first card does it otherwise). */
  async warmUp(): Promise<void> {
    await this.pool.run('reader.warmUp', { options: this.where });
  }

  readKtp(image: Buffer, hints?: KtpHints): Promise<KtpOcrResult> {
    // The copy moves to the thread; the caller keeps its image (it is stored after the reading).
    const bytes = toBytes(image);
    return this.pool.run('reader.readKtp', { image: bytes, ...(hints ? { hints } : {}), options: this.where }, [
      bytes.buffer as ArrayBuffer,
    ]);
  }

  readLetter(bytes: Buffer, mimeType: string): Promise<LetterReading> {
    const copy = toBytes(bytes);
    return this.pool.run('reader.readLetter', { bytes: copy, mimeType, options: this.where }, [
      copy.buffer as ArrayBuffer,
    ]);
  }

  /** The thread's id and nice value (diagnostics). */
  thread(): Promise<{ threadId: number; nice: number }> {
    return this.pool.run('diagnostics.thread', undefined as never);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
