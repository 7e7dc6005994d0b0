/** Types for webcam-easy (the package ships none): only what the identity desk uses. */
declare module 'webcam-easy' {
  export default class Webcam {
    constructor(
      webcamElement: HTMLVideoElement,
      facingMode?: 'user' | 'enviroment',
      canvasElement?: HTMLCanvasElement | null,
    );
    get webcamList(): MediaDeviceInfo[];
    protected _selectedDeviceId: string;
    start(startStream?: boolean): Promise<string>;
    stop(): void;
  }
}
