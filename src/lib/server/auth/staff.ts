// Who acts: the signed-in staff member as services see them (a session user is one, with more fields).
import type { Role } from '$lib/domain/roles';

export interface Staff {
	id: number;
	username: string;
	role: Role;
	unitId: number | null;
}
