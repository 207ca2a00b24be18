// The framework (bộ tiêu chí): its model, JSON form, consistency check, editing and default, one file each.
export * from './framework-model';
export * from './framework-json';
export * from './framework-check';
export * from './framework-edit';
export * from './framework-default';
export { importJson, issuesToProblems } from './json-import';
