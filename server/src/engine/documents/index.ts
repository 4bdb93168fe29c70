export * from './tree';
export * from './types';
export * from './text';
export { parseFile, parseFileSteps, DEFAULT_MAX_SIZE } from './parse';
export type { ParseOptions } from './parse';
export { detectKind, syntaxFor } from './detect';
export { docOf, fileOf, registerDocument } from './owner';
