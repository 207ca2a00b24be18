// A date field typed as dd/mm/yyyy whatever the browser's locale (<input type=date> shows mm/dd/yyyy on
// English-locale PCs); the server parses it with parseDayMonthYear. Spread on an <input>.
import { DAY_MONTH_YEAR_PATTERN } from '$lib/domain/calendar-date';

export const DATE_INPUT = {
	type: 'text',
	inputmode: 'numeric',
	placeholder: 'dd/mm/yyyy',
	pattern: DAY_MONTH_YEAR_PATTERN,
	maxlength: 10,
	autocomplete: 'off'
} as const;
