/**
 * Messages between the core and the face worker thread (worker.ts ↔ worker-client.ts). Errors
 * cross as name + message so the client can rebuild FaceImageError / FaceEngineError, which the
 * services tell apart by name.
 */
export type FaceOp = 'init' | 'describeAll' | 'compare' | 'describeCard' | 'compareWithCard' | 'close';

export interface FaceRequest {
  id: number;
  op: FaceOp;
  args: unknown[];
}

export type FaceResponse =
  | { id: number; ok: true; value: unknown; modelVersion: string | null }
  | { id: number; ok: false; error: { name: string; message: string } };
