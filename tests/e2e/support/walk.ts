// Walking the demo like a visitor (issue 15 item 3): every page a role can reach from the navigation
// and the pages' own links, each route shape once, looking for message keys shown instead of their
// text and for axe violations of any impact.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { messages } from '$lib/i18n';
import { axeFindings } from './browser';
import { ROOT } from './server';

const KEYS = new Set([...Object.keys(messages.vi), ...Object.keys(messages.en)]);
/** First segments of the keys ("campaign", "public"…): a three-part name under one of them is a missing key. */
const NAMESPACES = new Set([...KEYS].map((key) => key.split('.')[0]));
const KEY_LIKE = /\b[a-z]+(?:\.[a-zA-Z0-9_]+)+\b/g;

/**
 * Message keys in the page's visible text (`innerText` of the body: no scripts, nothing hidden): a
 * catalog key, or a name of three parts or more under a catalog's namespace (a key built at run time
 * that no catalog has, such as `campaign.state.open`).
 */
export async function visibleKeys(page: Page): Promise<string[]> {
	const text = await page.locator('body').innerText();
	const found = (text.match(KEY_LIKE) ?? []).filter(
		(word) => KEYS.has(word) || (word.split('.').length >= 3 && NAMESPACES.has(word.split('.')[0]))
	);
	return [...new Set(found)];
}

/** Every axe violation, whatever its impact (the issue asks for none at all, `region` included). */
export async function axeViolations(page: Page): Promise<string[]> {
	return (await axeFindings(page)).map(
		(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`
	);
}

/** The literal (non-parameter) directory names of `src/routes`, to tell `/units/QN01` from `/units/new`. */
function literalSegments(dir = path.join(ROOT, 'src', 'routes'), into = new Set<string>()): Set<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		if (!entry.name.startsWith('[') && !entry.name.startsWith('(')) into.add(entry.name);
		literalSegments(path.join(dir, entry.name), into);
	}
	return into;
}
const LITERALS = literalSegments();

/** The route a path belongs to, parameters blanked: `/campaigns/1/roster` → `/campaigns/:/roster`. */
export function routeShape(pathname: string): string {
	return pathname
		.split('/')
		.map((segment) => (segment === '' || LITERALS.has(segment) ? segment : ':'))
		.join('/');
}

const FILE = /\.(csv|xlsx|txt|json|pdf|zip|png|svg)$/i;

/** Same-origin pages the page links to: GET, not the sign-out, not a download or a data file. */
export async function pageLinks(page: Page): Promise<string[]> {
	const origin = new URL(page.url()).origin;
	const hrefs = await page
		.locator('a[href]:not([download])')
		.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
	const paths = hrefs
		.map((href) => new URL(href))
		.filter((url) => url.origin === origin && !FILE.test(url.pathname) && !url.pathname.startsWith('/logout'))
		.map((url) => url.pathname);
	return [...new Set(paths)];
}

export interface WalkFindings {
	visited: string[];
	keys: string[];
	axe: string[];
}

/**
 * Looks at the page as it is now: message keys in its text, axe if `axe` is set (findings collected);
 * returns the same-origin pages it links to.
 */
export async function inspectPage(
	page: Page,
	pathname: string,
	findings: WalkFindings,
	axe: boolean
): Promise<string[]> {
	for (const key of await visibleKeys(page)) findings.keys.push(`${pathname}: ${key}`);
	if (axe) for (const v of await axeViolations(page)) findings.axe.push(`${pathname}: ${v}`);
	return pageLinks(page);
}

/**
 * Visits `start`, then every page linked from the pages visited, one path per route shape, skipping the
 * shapes in `seen` (pages the caller has already inspected). Keys are checked on every visit (what a page
 * shows depends on the role); axe once per shape (`axeDone`).
 */
export async function walkPages(
	page: Page,
	start: string[],
	axeDone: Set<string>,
	seen = new Set<string>()
): Promise<WalkFindings> {
	const findings: WalkFindings = { visited: [], keys: [], axe: [] };
	const queue = [...start];
	while (queue.length) {
		const pathname = queue.shift()!;
		const shape = routeShape(pathname);
		if (seen.has(shape)) continue;
		seen.add(shape);
		const response = await page.goto(pathname);
		if (!(response?.headers()['content-type'] ?? '').startsWith('text/html')) continue;
		findings.visited.push(`${pathname} ${response?.status()}`);
		// After a redirect (`/` → `/login`) the page is the one landed on.
		const landed = routeShape(new URL(page.url()).pathname);
		seen.add(landed);
		const axe = !axeDone.has(landed);
		axeDone.add(landed);
		queue.push(...(await inspectPage(page, pathname, findings, axe)));
	}
	return findings;
}
