// What the demo's past rounds look like: the years, how good each was, how each department was seen,
// which commune hardly answered. Data only; demo-results.ts turns it into rounds.
export interface PastRound {
	slug: string;
	year: number;
	/** Mean answer weight before offsets: 2025 a little better than 2024. */
	base: number;
	/** How each department is seen by the commune leaders that year (added to base). */
	departments: Record<string, number>;
	/** The commune whose leaders hardly answered, and how many did: below k, so it is suppressed. */
	weak: { commune: string; sheets: number };
}

export const PAST_ROUNDS: readonly PastRound[] = [
	{
		slug: 'dtxh-2025',
		year: 2025,
		base: 0.7,
		departments: { SNV: 0.1, STP: 0.05, STC: 0.03, SYT: -0.02, SGDDT: 0.06, SNNMT: -0.09, SXD: -0.06, VPUBND: 0.12 },
		weak: { commune: '21100', sheets: 2 }
	},
	{
		slug: 'dtxh-2024',
		year: 2024,
		base: 0.62,
		departments: { SNV: 0.06, STP: 0.04, STC: 0, SYT: -0.08, SGDDT: 0.02, SNNMT: -0.12, SXD: -0.04, VPUBND: 0.1 },
		weak: { commune: '21100', sheets: 3 }
	}
];

export const COMMUNE_LEADERS = 7;
export const DEPARTMENT_LEADERS = 3;
/** Share of department leaders who answered (they pool into one province-level cell). */
export const DEPARTMENT_TURNOUT = 0.8;
export const DONT_KNOW = { general: 0.04, rated: 0.07 };
export const COMMUNE_OFFSET: Record<string, number> = {
	'21025': 0.05,
	'21028': 0.02,
	'21034': -0.03,
	'21040': 0.04,
	'21061': -0.05,
	'21085': 0.0,
	'21100': -0.02,
	'21109': 0.03
};
