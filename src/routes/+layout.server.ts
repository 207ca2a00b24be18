import { areasForRole } from '$lib/domain/roles';
import { textsFor } from '$lib/server/texts';
import type { LayoutServerLoad } from './$types';

// Only what the shell needs; every page still checks access itself.
export const load: LayoutServerLoad = ({ locals, url, route }) => {
	const signedIn = locals.user !== null && locals.secondFactor === 'none';
	return {
		locale: locals.locale,
		texts: textsFor(locals.locale, route.id, locals.user !== null),
		demo: locals.demo,
		path: url.pathname,
		user: locals.user
			? { username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role }
			: null,
		nav: signedIn && locals.user ? areasForRole(locals.user.role) : []
	};
};
