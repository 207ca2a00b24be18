// Texts of sealed answers: the counting committee (Tổ kiểm phiếu), the key ceremony, share files and the
// opening (kiểm phiếu). Vietnamese first, English second, the same keys and {placeholders} in both.
const vi = {
	'action.committee.saved': 'Lập Tổ kiểm phiếu',
	'action.sealing.key_created': 'Tạo khóa niêm phong phiếu',
	'action.opening.share_supplied': 'Thành viên Tổ kiểm phiếu nộp mảnh khóa',
	'action.opening.share_refused': 'Từ chối mảnh khóa',
	'action.opening.committed': 'Mở niêm phong và kiểm phiếu',
	'action.opening.finished': 'Hoàn tất kiểm phiếu (dọn dữ liệu niêm phong)',
	'action.opening.failed': 'Kiểm phiếu không thành công',

	'shareFile.error.format':
		'Đây không phải tệp hoặc mã mảnh khóa của Khảo sát PAR. Hãy chọn đúng tệp đã tải về ở buổi tạo khóa, hoặc nhập lại mã in trên giấy.',
	'shareFile.error.mistyped':
		'Mã mảnh khóa có ký tự bị nhập sai (mã kiểm tra không khớp). Hãy đối chiếu từng nhóm ký tự với bản in rồi nhập lại.',
	'shareFile.error.passphrase':
		'Cụm mật khẩu không đúng cho mảnh khóa này. Hãy nhập lại cụm mật khẩu Ông/Bà đã đặt ở buổi tạo khóa.',
	'shareFile.error.passphraseShort': 'Cụm mật khẩu phải có ít nhất 10 ký tự.',

	'cast.error.badSealed':
		'Phiếu trả lời đã niêm phong không đúng định dạng nên chưa được ghi nhận. Hãy tải lại trang rồi gửi lại.',
	'campaign.guard.noSealingKey':
		'Chưa có khóa niêm phong phiếu: Tổ kiểm phiếu phải tạo khóa (trang “Tổ kiểm phiếu”) trước khi mở đợt.',
	'campaign.error.notCounted': 'Chưa thể công bố: Tổ kiểm phiếu chưa mở niêm phong và kiểm phiếu.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'action.committee.saved': 'Counting committee set up',
	'action.sealing.key_created': 'Sealing key created',
	'action.opening.share_supplied': 'Committee member supplied a key share',
	'action.opening.share_refused': 'Key share refused',
	'action.opening.committed': 'Seal opened and sheets counted',
	'action.opening.finished': 'Counting finished (sealed data cleaned up)',
	'action.opening.failed': 'Counting failed',

	'shareFile.error.format':
		'This is not a PAR Survey key share file or code. Choose the file downloaded at the key ceremony, or type the printed code again.',
	'shareFile.error.mistyped':
		'The key share code has a mistyped character (its check does not match). Compare each group with the printout and type it again.',
	'shareFile.error.passphrase':
		'Wrong passphrase for this key share. Type the passphrase you chose at the key ceremony.',
	'shareFile.error.passphraseShort': 'The passphrase must have at least 10 characters.',

	'cast.error.badSealed':
		'The sealed answer sheet is malformed, so it was not recorded. Reload the page and submit again.',
	'campaign.guard.noSealingKey':
		'There is no sealing key yet: the counting committee must create it (page “Counting committee”) before the round opens.',
	'campaign.error.notCounted':
		'Cannot publish yet: the counting committee has not opened the seal and counted the sheets.'
};

export const sealingMessages = { vi, en };
