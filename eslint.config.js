// ESLint flat config: the recommended JS, TypeScript and Svelte rules, Prettier's formatting left to
// Prettier, and the layer boundaries of src/ (README, "How the code is laid out") made mechanical.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const serverOnly = {
	group: ['$lib/server', '$lib/server/*', '**/server/*', '**/lib/server/**'],
	message: 'Chỉ src/lib/server được làm I/O (server code stays in src/lib/server).'
};
const kyselyOnlyInServer = {
	group: ['kysely', 'kysely/*', 'better-sqlite3'],
	message: 'Chỉ src/lib/server được truy vấn cơ sở dữ liệu (queries live in src/lib/server).'
};
const noComponents = {
	group: ['$lib/components', '$lib/components/*', '**/components/*'],
	message: 'Tầng domain không phụ thuộc giao diện (domain imports no components).'
};
const noI18n = {
	group: ['$lib/i18n', '$lib/i18n/*', '**/i18n', '**/i18n/*'],
	message: 'Tầng domain trả về khoá thông điệp, không trả văn bản (domain returns message keys).'
};
const restrict = (...patterns) => ({
	'@typescript-eslint/no-restricted-imports': [
		'error',
		{ patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) }
	]
});

export default ts.config(
	// Committed migrations never change (tests/unit/migrations.test.ts pins them), so they are not linted.
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'migrations/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			],
			// Control characters are matched on purpose: they are what input cleaning strips.
			'no-control-regex': 'off',
			// Prettier writes {' '} to keep a significant space at a line break.
			'svelte/no-useless-mustaches': 'off',
			// Links are plain paths resolved by the server; the app has no base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{ files: ['src/lib/domain/**'], rules: restrict(serverOnly, noComponents, noI18n, kyselyOnlyInServer) },
	{
		files: ['src/lib/components/**', 'src/lib/respondent/**', 'src/lib/sealing/**', 'src/lib/i18n/**'],
		rules: restrict(serverOnly, kyselyOnlyInServer)
	},
	{
		files: ['src/routes/**', 'src/cli/**', 'src/hooks.server.ts', 'src/params/**'],
		rules: restrict(kyselyOnlyInServer)
	}
);
