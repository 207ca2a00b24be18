// Texts of a campaign's public page (anyone may open it): state, dates, the receipt check, participation
// counts and the cells' published keys. Vietnamese first, English second, the same keys and {placeholders}.
// The sealing and counting parts of the page live with the opening texts (`opening.ts`).
const vi = {
	'public.state': 'Trạng thái',
	'public.dates': 'Thời gian',
	'public.receipt.title': 'Kiểm tra biên nhận',
	'public.receipt.label': 'Mã biên nhận',
	'public.receipt.check': 'Kiểm tra',
	'public.receipt.recorded':
		'Phiếu có mã biên nhận này đã được ghi nhận; phiếu được tính vào kết quả khi Tổ kiểm phiếu mở niêm phong sau khi đợt khảo sát kết thúc.',
	'public.receipt.unknown': 'Không tìm thấy phiếu nào có mã biên nhận này trong đợt khảo sát.',
	'public.receipt.malformed': 'Mã biên nhận không đúng định dạng (10 ký tự, ví dụ ABCDE-12345).',
	'public.counts.title': 'Số liệu tham gia',
	'public.counts.invitations': 'Liên kết cá nhân đang hiệu lực',
	'public.counts.credentials': 'Chứng nhận ẩn danh đã cấp',
	'public.counts.sheets': 'Phiếu đã được ghi nhận',
	'public.auditors': 'Dành cho kiểm toán viên: dấu vân tay khoá và mốc kiểm toán',
	'public.keys.title': 'Khoá công khai của các nhóm báo cáo',
	'public.keys.help':
		'Trình duyệt của người trả lời đối chiếu khoá mã hoá được cấp với danh sách này. Dấu vân tay (fingerprint) là SHA-256 của khoá, có thể đọc to để đối chiếu.',
	'public.keys.group': 'Nhóm đối tượng',
	'public.keys.unit': 'Đơn vị báo cáo',
	'public.keys.fingerprint': 'Dấu vân tay khoá',
	'public.keys.download': 'Tải danh sách khoá (JSON)'
};

const en: Record<keyof typeof vi, string> = {
	'public.state': 'State',
	'public.dates': 'Dates',
	'public.receipt.title': 'Check a receipt',
	'public.receipt.label': 'Receipt code',
	'public.receipt.check': 'Check',
	'public.receipt.recorded':
		'The answer sheet with this receipt code has been recorded; it is counted when the counting committee opens the seal after the round closes.',
	'public.receipt.unknown': 'No answer sheet with this receipt code was found in this survey round.',
	'public.receipt.malformed': 'The receipt code is not in the right format (10 characters, e.g. ABCDE-12345).',
	'public.counts.title': 'Participation',
	'public.counts.invitations': 'Personal links in force',
	'public.counts.credentials': 'Anonymous credentials issued',
	'public.counts.sheets': 'Answer sheets recorded',
	'public.auditors': 'For auditors: key fingerprints and the audit anchor',
	'public.keys.title': 'Public keys of the reporting cells',
	'public.keys.help':
		'The respondent’s browser checks the encryption key it was given against this list. The fingerprint is the SHA-256 of the key and can be read aloud for comparison.',
	'public.keys.group': 'Respondent group',
	'public.keys.unit': 'Reporting unit',
	'public.keys.fingerprint': 'Key fingerprint',
	'public.keys.download': 'Download the key list (JSON)'
};

export const publicMessages = { vi, en };
