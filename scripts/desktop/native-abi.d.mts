// Types for native-abi.mjs (plain ESM so it runs before any build, from npm scripts and hooks).
export function abisOfNativeFile(file: string): number[];
export function electronAbi(root: string): number;
export function electronVersion(root: string): string;
export function assertNativeAbi(file: string, expected: number, label: string): number;
