// `audit:verify [--expect SEQ:HASH]…`: the chain link by link, every stored checkpoint (signed with the
// key derived from the app key), and each anchor copied from the public page or a printed report.
import { parseAnchor, shortHash, type Anchor } from '$lib/domain/audit-checkpoint';
import type { Message } from '$lib/domain/message';
import { translator } from '$lib/i18n';
import { verifyAuditAnchors } from '$lib/server/audit-checkpoint';
import type { CheckpointSigner } from '$lib/server/audit-signing';
import type { Db } from '$lib/server/db/open';

const vi = translator('vi');
const en = translator('en');
const both = ({ key, params }: Message) => `${vi(key, params)} (${en(key, params)})`;

export async function verifyAudit(db: Db, signer: CheckpointSigner, expectTexts: string[] = []): Promise<number> {
	const anchors: Anchor[] = [];
	for (const text of expectTexts) {
		const parsed = parseAnchor(text);
		if (!parsed.ok) {
			console.error(`LỖI / ERROR: ${both(parsed.error)}`);
			return 2;
		}
		anchors.push(parsed.value);
	}
	const report = await verifyAuditAnchors(db, signer, anchors);
	const { chain } = report;
	if (chain.ok) {
		console.log(`OK: chuỗi nhật ký toàn vẹn, ${chain.count} sự kiện (audit chain intact, ${chain.count} events).`);
		console.log(`Mã băm cuối / head hash: ${chain.headHash}`);
	} else {
		console.error(
			`LỖI: chuỗi nhật ký bị phá vỡ tại seq ${chain.brokenSeq} (audit chain broken at seq ${chain.brokenSeq}): ${both({ key: `audit.reason.${chain.reason}` })}.`
		);
		console.error(`${chain.count} sự kiện đầu tiên hợp lệ (the first ${chain.count} events are valid).`);
	}
	const count = chain.count;
	for (const bad of report.badCheckpoints)
		console.error(
			`LỖI: mốc đã lưu #${bad.id} / stored checkpoint #${bad.id}: ${both({ key: `audit.anchor.verdict.${bad.verdict}`, params: { seq: bad.seq, count } })}.`
		);
	if (report.badCheckpoints.length === 0)
		console.log(
			`OK: ${report.checkpoints} mốc đã lưu đều khớp (${report.checkpoints} stored checkpoints match); khóa ký / signing key ${signer.keyId}.`
		);
	for (const { anchor, verdict } of report.expected) {
		const label = `${anchor.seq}:${shortHash(anchor.hash)}`;
		if (verdict === 'ok') console.log(`OK: mốc ${label} khớp (anchor ${label} matches).`);
		else
			console.error(
				`LỖI: mốc ${label} / anchor ${label}: ${both({ key: `audit.anchor.verdict.${verdict}`, params: { seq: anchor.seq, count } })}.`
			);
	}
	return report.ok ? 0 : 1;
}
