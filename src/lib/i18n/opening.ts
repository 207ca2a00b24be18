// Texts of the opening (kiểm phiếu) page and of the public page's sealing and counted-receipts parts
// (sealed answers, issue 11). Vietnamese first, English second, same keys and {placeholders}.
const vi = {
	'opening.title': 'Kiểm phiếu',
	'opening.intro':
		'Các phiếu trả lời của đợt này được niêm phong bằng khóa của Tổ kiểm phiếu. Sau khi đóng đợt, đủ số thành viên nộp mảnh khóa của mình thì máy chủ mới mở niêm phong, kiểm phiếu và ghi kết quả.',
	'opening.status': 'Tình trạng',
	'opening.state': 'Trạng thái đợt',
	'opening.fingerprint': 'Dấu vân tay khóa niêm phong',
	'opening.threshold': 'Cần {t} trong {n} mảnh khóa để mở niêm phong.',
	'opening.heldCount': 'Máy chủ đang giữ {held} trong {t} mảnh khóa cần thiết.',
	'opening.memoryOnly':
		'Mảnh khóa đã nộp chỉ được giữ trong bộ nhớ của máy chủ cho đến khi đủ {t} mảnh; nó không bao giờ được ghi vào cơ sở dữ liệu, tệp nhật ký hay nhật ký kiểm toán. Nếu máy chủ khởi động lại trước khi đủ mảnh (hoặc sau {hours} giờ chờ), các thành viên đã nộp cần nộp lại.',
	'opening.notClosedYet': 'Đợt khảo sát chưa đóng. Chỉ có thể mở niêm phong và kiểm phiếu sau khi đóng đợt.',
	'opening.noKeyYet': 'Đợt này chưa có khóa niêm phong, nên không có gì để mở.',
	'opening.cannotOpen':
		'Không thể mở niêm phong đợt này: chỉ còn {usable} thành viên Tổ kiểm phiếu có thể nộp mảnh khóa, mà cần {t}. Các phiếu đã niêm phong sẽ không đọc được.',
	'opening.failed': 'Lần mở niêm phong gần nhất không thành công: {reason}',
	'opening.members.title': 'Thành viên Tổ kiểm phiếu',
	'opening.members.slot': 'Mảnh khóa số',
	'opening.members.name': 'Thành viên',
	'opening.members.share': 'Mảnh khóa',
	'opening.members.held': 'Đã nộp (máy chủ đang giữ trong bộ nhớ)',
	'opening.members.notHeld': 'Chưa nộp',
	'opening.members.noShare': 'Không có mảnh khóa',
	'opening.members.disabled': 'Tài khoản đã bị khóa',
	'opening.members.you': '(Ông/Bà)',
	'opening.counted.title': 'Kết quả kiểm phiếu',
	'opening.counted.sheets': 'Phiếu được kiểm',
	'opening.counted.invalid': 'Phiếu không hợp lệ (không được tính)',
	'opening.counted.merged': 'Nhóm báo cáo dưới k phiếu được gộp lên đơn vị cấp trên',
	'opening.counted.at': 'Thời điểm kiểm phiếu',
	'opening.counted.cleaning': 'Đang dọn dữ liệu niêm phong…',
	'opening.counted.results': 'Xem kết quả',
	'opening.supply.title': 'Nộp mảnh khóa của Ông/Bà',
	'opening.supply.help':
		'Chọn tệp mảnh khóa đã tải về ở buổi tạo khóa, hoặc nhập mã in trên giấy, rồi nhập cụm mật khẩu Ông/Bà đã đặt.',
	'opening.supply.file': 'Tệp mảnh khóa (.json)',
	'opening.supply.fileHint': 'Tệp đã tải về ở buổi tạo khóa (tối đa 4 KB).',
	'opening.supply.code': 'Hoặc mã mảnh khóa trên bản in',
	'opening.supply.codeHint':
		'Nhập các nhóm ký tự in trên giấy, hoặc dán mã đọc được khi quét mã QR trên bản in bằng ứng dụng quét bất kỳ. Nếu đã chọn tệp thì bỏ trống ô này.',
	'opening.supply.passphrase': 'Cụm mật khẩu',
	'opening.supply.submit': 'Nộp mảnh khóa',
	'opening.supply.busy': 'Đang kiểm tra mảnh khóa…',
	'opening.supply.viewOnly': 'Ông/Bà không thuộc Tổ kiểm phiếu của đợt này: trang này chỉ cho xem tình trạng.',
	'opening.supply.waiting': 'Máy chủ đang giữ mảnh khóa của Ông/Bà. Đang chờ các thành viên khác nộp.',
	'opening.supplied': 'Đã nhận mảnh khóa của Ông/Bà. Đang chờ các thành viên khác nộp.',
	'opening.started': 'Đã đủ mảnh khóa: máy chủ bắt đầu mở niêm phong và kiểm phiếu.',
	'opening.progress.title': 'Tiến độ kiểm phiếu',
	'opening.progress.label': 'Tiến độ',
	'opening.progress.counts': '{phase}: {done}/{total} phiếu',
	'opening.progress.reload': 'Tải lại trang',
	'opening.progress.noscript': 'Trang chỉ tự cập nhật khi bật JavaScript. Bấm “Tải lại trang” để xem tiến độ mới nhất.',
	'opening.phase.idle': 'Chưa bắt đầu',
	'opening.phase.decrypting': 'Giải mã',
	'opening.phase.writing': 'Ghi kết quả',
	'opening.phase.cleaning': 'Dọn dữ liệu',
	'opening.phase.done': 'Xong',
	'opening.phase.failed': 'Không thành công',

	'opening.error.notMember': 'Ông/Bà không thuộc Tổ kiểm phiếu của đợt này nên không thể nộp mảnh khóa.',
	'opening.error.notClosed': 'Đợt khảo sát chưa đóng. Chỉ có thể nộp mảnh khóa và mở niêm phong sau khi đóng đợt.',
	'opening.error.alreadyCounted': 'Đợt này đã được kiểm phiếu xong; không cần nộp mảnh khóa nữa.',
	'opening.error.running':
		'Máy chủ đang mở niêm phong và kiểm phiếu với các mảnh khóa đã đủ. Không cần nộp thêm; hãy chờ rồi tải lại trang.',
	'opening.error.noKey':
		'Đợt này không có khóa niêm phong, hoặc máy chủ không có giá trị kiểm tra cho mảnh khóa của Ông/Bà, nên không thể nhận mảnh khóa. Hãy báo quản trị viên.',
	'opening.error.alreadySupplied':
		'Máy chủ đã giữ mảnh khóa của Ông/Bà; không cần nộp lại. Hãy chờ các thành viên khác nộp.',
	'opening.error.foreignShare':
		'Mảnh khóa này thuộc một đợt khảo sát khác (hoặc một lần tạo khóa khác). Hãy chọn đúng tệp hoặc bản in của đợt này.',
	'opening.error.notYourShare':
		'Đây là mảnh khóa của một thành viên khác. Mỗi thành viên chỉ nộp mảnh khóa của chính mình, từ tài khoản của mình.',
	'opening.error.badCheck':
		'Mảnh khóa không khớp với giá trị kiểm tra lưu ở buổi tạo khóa (có thể là mảnh khóa của một lần tạo khóa cũ). Hãy dùng đúng tệp hoặc bản in đã nhận ở buổi tạo khóa của đợt này; nếu vẫn không được, hãy báo quản trị viên.',
	'opening.error.tooFewShares':
		'Chưa đủ mảnh khóa để mở niêm phong, nên chưa phiếu nào được mở. Các mảnh khóa đã nộp đã bị xóa khỏi bộ nhớ; các thành viên cần nộp lại.',
	'opening.error.wrongKey':
		'Các mảnh khóa ghép lại không cho đúng khóa niêm phong, nên chưa phiếu nào được mở. Các mảnh khóa đã bị xóa khỏi bộ nhớ; các thành viên cần nộp lại, và báo quản trị viên nếu lỗi lặp lại.',
	'opening.error.tooManyAttempts':
		'Ông/Bà đã nhập sai mảnh khóa hoặc cụm mật khẩu 5 lần trong 15 phút. Hãy chờ tối đa 15 phút rồi thử lại; trong lúc chờ, hãy đối chiếu lại tệp hoặc bản in mảnh khóa của mình.',
	'opening.error.internal':
		'Có lỗi khi mở niêm phong; chưa phiếu nào được ghi. Các mảnh khóa đã bị xóa khỏi bộ nhớ; các thành viên cần nộp lại, và báo quản trị viên nếu lỗi lặp lại.',
	'opening.error.noCode': 'Hãy chọn tệp mảnh khóa hoặc nhập mã mảnh khóa trên bản in.',
	'opening.error.noPassphrase': 'Hãy nhập cụm mật khẩu của mảnh khóa.',
	'opening.error.fileTooLarge':
		'Tệp quá lớn để là một tệp mảnh khóa (tối đa 4 KB). Hãy chọn đúng tệp đã tải về ở buổi tạo khóa.',
	'opening.error.upload': 'Không đọc được dữ liệu gửi lên. Hãy thử gửi lại.',

	'public.sealing.title': 'Khóa niêm phong phiếu',
	'public.sealing.help':
		'Trình duyệt của người trả lời niêm phong (mã hóa) phiếu bằng khóa này trước khi gửi. Hãy đối chiếu dấu vân tay với dấu vân tay công bố ở buổi tạo khóa của Tổ kiểm phiếu.',
	'public.sealing.fingerprint': 'Dấu vân tay khóa niêm phong',
	'public.sealing.threshold': 'Mở niêm phong',
	'public.sealing.thresholdValue': 'cần {t} trong {n} thành viên Tổ kiểm phiếu',
	'public.sealing.open':
		'Phiếu được niêm phong, chưa ai đọc được — kể cả người quản trị máy chủ. Phiếu chỉ được mở và kiểm sau khi đóng đợt, khi đủ số thành viên Tổ kiểm phiếu nộp mảnh khóa.',
	'public.sealing.closed':
		'Đợt đã đóng. Các phiếu vẫn được niêm phong, chưa ai đọc được, cho đến khi Tổ kiểm phiếu mở niêm phong và kiểm phiếu.',
	'public.sealing.none': 'Đợt này không có khóa niêm phong.',
	'public.counted.title': 'Kết quả kiểm phiếu',
	'public.counted.sheets': 'Phiếu đã được kiểm',
	'public.counted.invalid': 'Phiếu không hợp lệ (không được tính)',
	'public.counted.at': 'Thời điểm kiểm phiếu',
	'public.counted.receipts': 'Mã biên nhận của các phiếu đã được kiểm',
	'public.counted.receiptsHelp':
		'Sắp xếp theo thứ tự chữ cái, mỗi trang tối đa {size} mã. Mã biên nhận không cho biết ai đã trả lời hay trả lời gì.',
	'public.counted.download': 'Tải toàn bộ danh sách (tệp văn bản, mỗi dòng một mã)',
	'public.counted.next': 'Trang sau',
	'public.counted.first': 'Về đầu danh sách',
	'public.counted.empty': 'Không có mã biên nhận nào sau mã này.',
	'public.receipt.counted':
		'Phiếu có mã biên nhận này đã được kiểm: nó có trong danh sách phiếu đã kiểm và được tính vào kết quả.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'opening.title': 'Counting (opening the seal)',
	'opening.intro':
		'The answer sheets of this round are sealed with the counting committee’s key. After the round closes, once enough members have supplied their key shares, the server opens the seal, counts the sheets and writes the results.',
	'opening.status': 'Status',
	'opening.state': 'Round state',
	'opening.fingerprint': 'Sealing key fingerprint',
	'opening.threshold': '{t} of {n} key shares are needed to open the seal.',
	'opening.heldCount': 'The server holds {held} of the {t} key shares needed.',
	'opening.memoryOnly':
		'A supplied share is kept only in the server’s memory until {t} shares are in; it is never written to the database, a log file or the audit log. If the server restarts before then (or after {hours} hours of waiting), the members who supplied a share must supply it again.',
	'opening.notClosedYet':
		'The round is not closed yet. The seal can be opened and the sheets counted only after the close.',
	'opening.noKeyYet': 'This round has no sealing key, so there is nothing to open.',
	'opening.cannotOpen':
		'This round cannot be opened: only {usable} committee members can still supply a key share, and {t} are needed. The sealed sheets will stay unreadable.',
	'opening.failed': 'The last attempt to open the seal failed: {reason}',
	'opening.members.title': 'Counting committee members',
	'opening.members.slot': 'Share number',
	'opening.members.name': 'Member',
	'opening.members.share': 'Key share',
	'opening.members.held': 'Supplied (held in the server’s memory)',
	'opening.members.notHeld': 'Not supplied',
	'opening.members.noShare': 'No key share',
	'opening.members.disabled': 'Account disabled',
	'opening.members.you': '(you)',
	'opening.counted.title': 'Counting result',
	'opening.counted.sheets': 'Sheets counted',
	'opening.counted.invalid': 'Invalid sheets (not counted)',
	'opening.counted.merged': 'Reporting cells below k merged into the parent unit',
	'opening.counted.at': 'Counted at',
	'opening.counted.cleaning': 'Cleaning up the sealed data…',
	'opening.counted.results': 'See the results',
	'opening.supply.title': 'Supply your key share',
	'opening.supply.help':
		'Choose the key share file you downloaded at the key ceremony, or type the printed code, then type the passphrase you chose.',
	'opening.supply.file': 'Key share file (.json)',
	'opening.supply.fileHint': 'The file downloaded at the key ceremony (4 KB at most).',
	'opening.supply.code': 'Or the key share code from the printout',
	'opening.supply.codeHint':
		'Type the groups of characters printed on paper, or paste the code read by scanning the printout’s QR code with any scanner app. Leave this empty if you chose a file.',
	'opening.supply.passphrase': 'Passphrase',
	'opening.supply.submit': 'Supply the key share',
	'opening.supply.busy': 'Checking the key share…',
	'opening.supply.viewOnly': 'You are not on this round’s counting committee: this page shows the status only.',
	'opening.supply.waiting': 'The server holds your key share. Waiting for the other members.',
	'opening.supplied': 'Your key share was accepted. Waiting for the other members.',
	'opening.started': 'Enough key shares are in: the server has started opening the seal and counting.',
	'opening.progress.title': 'Counting progress',
	'opening.progress.label': 'Progress',
	'opening.progress.counts': '{phase}: {done}/{total} sheets',
	'opening.progress.reload': 'Reload the page',
	'opening.progress.noscript':
		'The page updates itself only with JavaScript. Use “Reload the page” to see the latest progress.',
	'opening.phase.idle': 'Not started',
	'opening.phase.decrypting': 'Decrypting',
	'opening.phase.writing': 'Writing the results',
	'opening.phase.cleaning': 'Cleaning up',
	'opening.phase.done': 'Done',
	'opening.phase.failed': 'Failed',

	'opening.error.notMember': 'You are not on this round’s counting committee, so you cannot supply a key share.',
	'opening.error.notClosed':
		'The round is not closed yet. Key shares can be supplied and the seal opened only after the close.',
	'opening.error.alreadyCounted': 'This round has already been counted; no key share is needed any more.',
	'opening.error.running':
		'The server is opening the seal and counting with the shares already supplied. No more shares are needed; wait, then reload the page.',
	'opening.error.noKey':
		'This round has no sealing key, or the server has no check value for your key share, so it cannot take your share. Tell an administrator.',
	'opening.error.alreadySupplied':
		'The server already holds your key share; there is no need to supply it again. Wait for the other members.',
	'opening.error.foreignShare':
		'This key share belongs to another survey round (or another key ceremony). Choose the file or printout of this round.',
	'opening.error.notYourShare':
		'This is another member’s key share. Each member supplies only their own share, from their own account.',
	'opening.error.badCheck':
		'This key share does not match the check value stored at the key ceremony (it may come from an older ceremony). Use the file or printout you received at this round’s key ceremony; if that fails too, tell an administrator.',
	'opening.error.tooFewShares':
		'Not enough key shares to open the seal, so no sheet was opened. The shares supplied were erased from memory; the members must supply them again.',
	'opening.error.wrongKey':
		'The key shares combined do not give the sealing key, so no sheet was opened. The shares were erased from memory; the members must supply them again, and tell an administrator if this happens again.',
	'opening.error.tooManyAttempts':
		'You entered a wrong key share or passphrase 5 times within 15 minutes. Wait up to 15 minutes, then try again; meanwhile, check your share file or printout.',
	'opening.error.internal':
		'Something went wrong while opening the seal; no sheet was written. The shares were erased from memory; the members must supply them again, and tell an administrator if this happens again.',
	'opening.error.noCode': 'Choose your key share file or type the code from the printout.',
	'opening.error.noPassphrase': 'Type the passphrase of your key share.',
	'opening.error.fileTooLarge':
		'This file is too large to be a key share file (4 KB at most). Choose the file downloaded at the key ceremony.',
	'opening.error.upload': 'The form data could not be read. Send it again.',

	'public.sealing.title': 'Sheet sealing key',
	'public.sealing.help':
		'The respondent’s browser seals (encrypts) the sheet with this key before sending it. Compare the fingerprint with the one announced at the counting committee’s key ceremony.',
	'public.sealing.fingerprint': 'Sealing key fingerprint',
	'public.sealing.threshold': 'Opening the seal',
	'public.sealing.thresholdValue': 'needs {t} of {n} counting committee members',
	'public.sealing.open':
		'The sheets are sealed and nobody can read them yet — not even the server’s administrators. They are opened and counted only after the round closes, when enough counting committee members supply their key shares.',
	'public.sealing.closed':
		'The round is closed. The sheets stay sealed, readable by nobody, until the counting committee opens the seal and counts them.',
	'public.sealing.none': 'This round has no sealing key.',
	'public.counted.title': 'Counting result',
	'public.counted.sheets': 'Sheets counted',
	'public.counted.invalid': 'Invalid sheets (not counted)',
	'public.counted.at': 'Counted at',
	'public.counted.receipts': 'Receipt codes of the counted sheets',
	'public.counted.receiptsHelp':
		'In alphabetical order, at most {size} codes per page. A receipt code says neither who answered nor what.',
	'public.counted.download': 'Download the whole list (text file, one code per line)',
	'public.counted.next': 'Next page',
	'public.counted.first': 'Back to the start of the list',
	'public.counted.empty': 'No receipt code after this one.',
	'public.receipt.counted':
		'The sheet with this receipt code has been counted: it is in the list of counted sheets and in the results.'
};

export const openingMessages = { vi, en };
