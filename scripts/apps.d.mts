export const APPS: { name: string; port: number; colour: number; cmd: string[]; health?: string }[];
