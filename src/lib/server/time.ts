/** Unix seconds: the one timestamp unit stored anywhere in the database. */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
