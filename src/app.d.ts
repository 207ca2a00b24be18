import type { Locale } from '$lib/i18n';
import type { SecondFactorStep } from '$lib/server/auth/second-factor';
import type { SessionUser, StaffSession } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			/** An i18n key (or, for framework errors, plain text). */
			message: string;
			id?: string;
		}
		interface Locals {
			locale: Locale;
			demo: boolean;
			user: SessionUser | null;
			session: StaffSession | null;
			secondFactor: SecondFactorStep;
		}
	}
}

export {};
