// Questionnaires: their model and scale presets, JSON form, consistency check, editing and default, one file each.
export * from './questionnaire-model';
export * from './questionnaire-json';
export * from './questionnaire-check';
export * from './questionnaire-edit';
export * from './questionnaire-default';
