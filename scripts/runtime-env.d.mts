export const RUNTIME_ENV: Readonly<Record<string, string>>;
export function chartLimitMiB(name: string): number | undefined;
export function chartNodeOptions(name: string, options?: { heap?: boolean }): string | undefined;
export function chartCommonNodeOptions(): string | undefined;
export const NODE_ARGS: readonly string[];
