/** A minimal logger seam: hosts print to stderr; tests can capture. Never log personal data. */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(`[loket] ${message}`),
  error: (message, error) => console.error(`[loket] ${message}`, error instanceof Error ? error.stack : (error ?? '')),
};
