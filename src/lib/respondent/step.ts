// What the respondent page's server load depends on: an enhanced step reloads only it, not the layout's texts.
export const STEP_DEPENDENCY = 'respondent:step';
