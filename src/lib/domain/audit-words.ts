// The audit log in words (issue 15, item 11): "Người dùng Nguyễn Văn A" instead of `staff_user:4`, and each
// action's details as a short phrase ("5 liên kết, 2 gửi lại") instead of JSON. The stored event and its
// hash are untouched: the page keeps the raw JSON beside the words. Respondents stay numbers (#id), as
// before; nothing of the ballot side is ever in the log.
import type { AuditAction } from './audit-actions';
import type { MessageKey, MessageParams } from './message';

type Translate = (key: MessageKey, params?: MessageParams) => string;
type Payload = Record<string, unknown>;
/** The phrases of one action's details; empty when the action has nothing to say beyond its label. */
type Words = (p: Payload, t: Translate) => string[];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null =>
	typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
const len = (v: unknown): number | null => (Array.isArray(v) ? v.length : num(v));

/** A phrase only when its value is present: `say(t, key, {count: p.count})` skips a missing count. */
function say(t: Translate, key: MessageKey, params: Record<string, string | number | null>): string[] {
	if (Object.values(params).some((v) => v === null)) return [];
	return [t(key, params as MessageParams)];
}

const none: Words = () => [];
const count =
	(key: MessageKey, field = 'count'): Words =>
	(p, t) =>
		say(t, key, { count: len(p[field]) });
const fromTo: Words = (p, t) => say(t, 'audit.words.fromTo', { from: str(p.from), to: str(p.to) });
const nameVersion: Words = (p, t) => say(t, 'audit.words.nameVersion', { name: str(p.name), version: str(p.version) });
const role = (t: Translate, value: unknown) => {
	const r = str(value);
	return r && ['admin', 'organiser', 'analyst', 'auditor'].includes(r) ? t(`role.${r}` as MessageKey) : r;
};
const reasonWords: Words = (p, t) => say(t, 'audit.words.reason', { reason: str(p.reason) });

/** Every action of the closed list has its words (the type and a unit test both fail on a new one). */
export const AUDIT_WORDS: Record<AuditAction, Words> = {
	'access.denied': (p, t) => say(t, 'audit.words.method', { method: str(p.method) }),
	'security.cross_site_refused': (p, t) => say(t, 'audit.words.origin', { origin: str(p.origin) }),
	'audit.chain_verified': (p, t) =>
		p.ok === false ? [t('audit.words.chainBroken')] : say(t, 'audit.words.chainOk', { count: num(p.count) }),
	'auth.lockout': (p, t) => say(t, 'audit.words.scope', { scope: str(p.scope) }),
	'auth.login': none,
	'auth.login_failed': (p, t) => {
		const reason = str(p.reason);
		return reason && ['unknown_user', 'wrong_password', 'disabled'].includes(reason)
			? [t(`audit.words.login.${reason as 'unknown_user' | 'wrong_password' | 'disabled'}`)]
			: reasonWords(p, t);
	},
	'auth.logout': none,
	'auth.password_changed': none,
	'auth.current_password_failed': none,
	'auth.session_ended': count('audit.words.sessions'),
	'auth.sessions_ended_others': count('audit.words.sessions'),
	'auth.totp_enabled': none,
	'auth.totp_failed': none,
	'auth.totp_reused': none,
	'auth.totp_verified': none,
	'auth.recovery_code_used': (p, t) => say(t, 'audit.words.codesLeft', { count: num(p.left) }),
	'auth.recovery_code_failed': (p, t) => (p.spent === true ? [t('audit.words.codeSpent')] : []),
	'auth.recovery_codes_generated': count('audit.words.codes'),
	'code.failed': (p, t) => say(t, 'audit.words.attempt', { count: num(p.attempt) }),
	'code.locked': (p, t) => say(t, 'audit.words.lockedMinutes', { count: num(p.minutes) }),
	'code.send_refused': none,
	'code.ip_throttled': none,
	'code.service_busy': (p, t) => say(t, 'audit.words.perMinute', { count: num(p.limit) }),
	'code.sent': (p, t) => say(t, 'audit.words.channel', { channel: str(p.channel) }),
	'code.verified': (p, t) => (p.otherDevice === true ? [t('audit.words.otherDevice')] : []),
	'credential.issued': none,
	'credential.refused': none,
	'credential.repeated': none,
	'invitation.issued': (p, t) => [
		...say(t, 'audit.words.links', { count: num(p.count) }),
		...(num(p.reissued) ? say(t, 'audit.words.reissued', { count: num(p.reissued) }) : [])
	],
	'invitation.revoked': count('audit.words.links', 'links'),
	'link.invalid': (p, t) => (p.revoked === true ? [t('audit.words.linkRevoked')] : []),
	'link.fetched': none,
	'link.throttled': none,
	'link.opened': (p, t) => (p.newDevice === true ? [t('audit.words.newDevice')] : []),
	'link.second_device': count('audit.words.earlierDevices', 'earlierDevices'),
	'monitor.exported': (p, t) => say(t, 'audit.words.unit', { unit: str(p.unit) }),
	'flag.reviewed': (p, t) => say(t, 'audit.words.reason', { reason: str(p.reason) }),
	'results.exported': (p, t) => say(t, 'audit.words.format', { format: str(p.format)?.toUpperCase() ?? null }),
	'results.printed': (p, t) => say(t, 'audit.words.unit', { unit: str(p.unit) }),
	'results.tallies_checked': (p, t) =>
		p.ok === true
			? say(t, 'audit.words.talliesOk', { count: num(p.sheets) })
			: say(t, 'audit.words.talliesDiffer', { count: num(p.differences) }),
	'reminder.policy_saved': none,
	'reminder.sent': (p, t) => say(t, 'audit.words.batch', { id: num(p.batch) }),
	'reminder.scheduled_run': (p, t) => say(t, 'audit.words.daysBefore', { count: num(p.daysBefore) }),
	'respondent.assisted': none,
	'respondent.attested': none,
	'campaign.created': (p, t) => say(t, 'audit.words.quoted', { text: str(p.title) }),
	'campaign.updated': (p, t) => say(t, 'audit.words.fields', { fields: Object.keys(p).join(', ') || null }),
	'campaign.group_saved': (p, t) => [
		...say(t, 'audit.words.group', { group: str(p.group) }),
		...say(t, 'audit.words.ratedUnits', { count: num(p.ratedUnits) })
	],
	'campaign.group_deleted': (p, t) => say(t, 'audit.words.group', { group: str(p.group) }),
	'campaign.messages_saved': (p, t) => say(t, 'audit.words.part', { part: str(p.part) }),
	'campaign.opened': (p, t) => [
		...say(t, 'audit.words.cells', { count: num(p.cells) }),
		...say(t, 'audit.words.people', { count: num(p.people) })
	],
	'campaign.closed': none,
	'campaign.published': none,
	'committee.saved': (p, t) => say(t, 'audit.words.committee', { count: len(p.members), threshold: num(p.threshold) }),
	'sealing.key_created': (p, t) => say(t, 'audit.words.threshold', { threshold: num(p.threshold), count: num(p.size) }),
	'opening.share_supplied': (p, t) => say(t, 'audit.words.shares', { held: num(p.held), threshold: num(p.threshold) }),
	'opening.share_refused': reasonWords,
	'opening.committed': none,
	'opening.finished': (p, t) => [
		...say(t, 'audit.words.sheets', { count: num(p.sheets) }),
		...(num(p.invalid) ? say(t, 'audit.words.invalidSheets', { count: num(p.invalid) }) : [])
	],
	'opening.failed': reasonWords,
	'delivery.failed': (p, t) => [
		...say(t, 'audit.words.channel', { channel: str(p.channel) }),
		...say(t, 'audit.words.attempt', { count: num(p.attempts) })
	],
	'demo.seeded': (p, t) => [
		...say(t, 'audit.words.units', { count: num(p.units) }),
		...say(t, 'audit.words.accounts', { count: num(p.staff) })
	],
	'db.copied': (p, t) => say(t, 'audit.words.rows', { count: num(p.rows) }),
	'framework.saved': nameVersion,
	'questionnaire.saved': nameVersion,
	'roster.previewed': (p, t) => [
		...say(t, 'audit.words.rows', { count: num(p.rows) }),
		...(num(p.errors) ? say(t, 'audit.words.errors', { count: num(p.errors) }) : [])
	],
	'roster.applied': none,
	'roster.cleared': (p, t) => say(t, 'audit.words.people', { count: num(p.removed) }),
	'setting.changed': fromTo,
	'unit.created': (p, t) => say(t, 'audit.words.quoted', { text: str(p.name) }),
	'unit.renamed': fromTo,
	'unit.moved': fromTo,
	'unit.retired': none,
	'unit.imported': (p, t) => say(t, 'audit.words.units', { count: num(p.added) }),
	'setup.completed': none,
	'setup.token_issued': none,
	'user.created': (p, t) => say(t, 'audit.words.userRole', { username: str(p.username), role: role(t, p.role) }),
	'user.disabled': none,
	'user.enabled': none,
	'user.password_reset': none,
	'user.role_changed': (p, t) => say(t, 'audit.words.fromTo', { from: role(t, p.from), to: role(t, p.to) }),
	'user.totp_reset': none,
	'user.updated': (p, t) =>
		say(t, 'audit.words.fields', { fields: len(p.fields) === null ? null : (p.fields as string[]).join(', ') })
};

/** The details of a logged event as one short phrase; '' when there is nothing to add to the action's label. */
export function describeAuditDetails(t: Translate, action: string, payloadJson: string): string {
	const words = (AUDIT_WORDS as Record<string, Words | undefined>)[action];
	if (!words || payloadJson === '' || payloadJson === '{}') return '';
	let payload: unknown;
	try {
		payload = JSON.parse(payloadJson);
	} catch {
		return '';
	}
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return '';
	return words(payload as Payload, t).join(', ');
}

/** Subject types whose names the page looks up (one query per page); the rest are shown by kind and id. */
export const NAMED_SUBJECTS = ['staff_user', 'campaign', 'unit'] as const;
export type NamedSubject = (typeof NAMED_SUBJECTS)[number];
/** `type:id` → name, for the subjects of one page of the log. */
export type SubjectNames = ReadonlyMap<string, string>;

const SUBJECT_KEYS: Record<string, MessageKey> = {
	staff_user: 'audit.words.subject.staffUser',
	account: 'audit.words.subject.account',
	campaign: 'audit.words.subject.campaign',
	unit: 'audit.words.subject.unit',
	person: 'audit.words.subject.person',
	invitation: 'audit.words.subject.invitation',
	delivery: 'audit.words.subject.delivery',
	framework_version: 'audit.words.subject.framework',
	questionnaire_version: 'audit.words.subject.questionnaire',
	setting: 'audit.words.subject.setting',
	ip: 'audit.words.subject.ip',
	path: 'audit.words.subject.path'
};

/** "Người dùng Nguyễn Văn A", "Đợt Điều tra … 2026", "Người được khảo sát #123"; unknown kinds as stored. */
export function describeAuditSubject(
	t: Translate,
	type: string | null,
	id: string | null,
	names: SubjectNames
): string {
	if (!type) return '';
	const key = SUBJECT_KEYS[type];
	if (!key || id === null) return id === null ? type : `${type}:${id}`;
	const name = names.get(`${type}:${id}`);
	if (type === 'setting') return t(key, { name: t(`settings.${id}` as MessageKey) });
	return t(key, { name: name ?? (type === 'account' || type === 'ip' || type === 'path' ? id : `#${id}`) });
}
