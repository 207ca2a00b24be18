// A database id in a URL: a positive whole number without leading zeros, short enough to be safe.
import type { ParamMatcher } from '@sveltejs/kit';

export const match: ParamMatcher = (param) => /^[1-9]\d{0,8}$/.test(param);
