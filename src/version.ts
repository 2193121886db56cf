/** Replaced at build time from package.json. */
declare const __PROXILION_VERSION__: string;
export const VERSION: string = typeof __PROXILION_VERSION__ === 'string' ? __PROXILION_VERSION__ : '0.0.0-dev';
