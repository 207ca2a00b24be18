import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes mode for our own components; libraries keep their own mode.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		// Every page's CSS (src/app.css and its components') inline in the HTML: on a phone's 3G each
		// stylesheet is one more round trip before the first paint (issue 16). Client navigations still
		// load the files.
		inlineStyleThreshold: 64 * 1024,
		// Our own origin check in hooks.server.ts answers in Vietnamese and covers JSON too.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's screen-reader route announcer carries a style attribute; <style> and
				// stylesheets stay limited to our own origin.
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Type-check the top-level migrations/ and tests/ folders too.
			config: (cfg) => {
				cfg.include.push('../migrations/**/*.ts', '../tests/**/*.ts', '../vite.config.ts');
				return cfg;
			}
		}
	}
};

export default config;
