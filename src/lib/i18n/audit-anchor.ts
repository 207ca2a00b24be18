// Texts of the audit anchors (signed checkpoints of the audit chain, issue 14): the public page, the
// printed report and `audit:verify`. Vietnamese first, English second, same keys and {placeholders}.
const vi = {
	'public.anchor.title': 'Mốc kiểm toán',
	'public.anchor.line': 'Mốc kiểm toán: số {seq} · mã {hash} · {at}',
	'public.anchor.help':
		'Máy chủ ký mốc này (số thứ tự và mã băm của sự kiện mới nhất trong nhật ký kiểm toán) mỗi ngày và mỗi khi một đợt khảo sát đổi trạng thái. Hãy ghi lại hoặc in số và mã băm: nếu về sau nhật ký bị xóa bớt, lệnh kiểm tra dưới đây sẽ báo lỗi.',
	'public.anchor.hash': 'Mã băm đầy đủ',
	'public.anchor.key': 'Dấu vân tay khóa ký mốc',
	'public.anchor.command': 'Lệnh kiểm tra',
	'public.anchor.none': 'Chưa có mốc kiểm toán nào.',
	'audit.anchor.badExpect':
		'Mốc "{text}" không hợp lệ: hãy ghi dạng SỐ:MÃ_BĂM, ví dụ 1234:3fa9c2d1e0b4a7f6… (mã băm gồm ít nhất 16 chữ số hex).',
	'audit.anchor.verdict.beyond_chain':
		'nhật ký không còn tới sự kiện số {seq} (chỉ có {count} sự kiện hợp lệ): nhật ký có thể đã bị cắt bớt',
	'audit.anchor.verdict.hash_differs': 'sự kiện số {seq} có mã băm khác với mốc đã ghi',
	'audit.anchor.verdict.bad_signature': 'chữ ký của mốc số {seq} không hợp lệ: mốc đã bị sửa hoặc giả mạo',
	'audit.anchor.verdict.other_key': 'mốc số {seq} không được ký bằng khóa của máy chủ này',
	'audit.anchor.field': 'Mốc đối chiếu (không bắt buộc)',
	'audit.anchor.fieldHelp':
		'Dán số và mã băm của một mốc đã in hoặc đã ghi vào biên bản (dạng SỐ:MÃ_BĂM) để biết nhật ký còn tới mốc đó.',
	'audit.anchor.storedOk': '{count} mốc kiểm toán đã lưu đều có chữ ký hợp lệ và khớp với chuỗi.',
	'audit.anchor.storedBad': 'Mốc đã lưu số {id}: {reason}.',
	'audit.anchor.expectOk': 'Mốc {label} khớp với chuỗi.',
	'audit.anchor.expectBad': 'Mốc {label}: {reason}.'
};

const en: Record<keyof typeof vi, string> = {
	'public.anchor.title': 'Audit anchor',
	'public.anchor.line': 'Audit anchor: no. {seq} · hash {hash} · {at}',
	'public.anchor.help':
		'The server signs this anchor (the sequence number and hash of the newest audit log event) every day and whenever a survey round changes state. Write down or print the number and hash: should the log later be cut short, the check command below reports it.',
	'public.anchor.hash': 'Full hash',
	'public.anchor.key': 'Anchor signing key fingerprint',
	'public.anchor.command': 'Check command',
	'public.anchor.none': 'No audit anchor yet.',
	'audit.anchor.badExpect':
		'The anchor "{text}" is not valid: write it as SEQ:HASH, e.g. 1234:3fa9c2d1e0b4a7f6… (at least 16 hex digits of the hash).',
	'audit.anchor.verdict.beyond_chain':
		'the log no longer reaches event {seq} (only {count} valid events): it may have been cut short',
	'audit.anchor.verdict.hash_differs': 'event {seq} has another hash than the recorded anchor',
	'audit.anchor.verdict.bad_signature': 'the signature of anchor {seq} is not valid: the anchor was altered or forged',
	'audit.anchor.verdict.other_key': 'anchor {seq} was not signed with this server’s key',
	'audit.anchor.field': 'Anchor to check (optional)',
	'audit.anchor.fieldHelp':
		'Paste the number and hash of an anchor you printed or wrote into minutes (as SEQ:HASH) to learn whether the log still reaches it.',
	'audit.anchor.storedOk': 'All {count} stored audit anchors carry a valid signature and match the chain.',
	'audit.anchor.storedBad': 'Stored anchor {id}: {reason}.',
	'audit.anchor.expectOk': 'Anchor {label} matches the chain.',
	'audit.anchor.expectBad': 'Anchor {label}: {reason}.'
};

export const auditAnchorMessages = { vi, en };
