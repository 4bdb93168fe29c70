export * from './documents';
export * from './model';
export * from './fixes';
export * from './analyze';
export * from './rules/types';
export { RULES, RULES_BY_ID } from './rules';
export { ruleDocUri, rulesDocsDir } from './docs';
export * from './suppressions';
export * from './config';
