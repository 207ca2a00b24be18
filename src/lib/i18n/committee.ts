// Texts of the committee pages (sealed answers, issue 11). Vietnamese first, English second, same keys.
const vi = {
	'committee.title': 'Tổ kiểm phiếu',
	'committee.intro':
		'Phiếu trả lời được niêm phong ngay trên trình duyệt của người trả lời bằng khóa của Tổ kiểm phiếu. Máy chủ không đọc được phiếu nào; chỉ sau khi đợt khảo sát đóng, đủ số thành viên cùng nộp mảnh khóa thì phiếu mới được mở và kiểm.',
	'committee.rules':
		'Thành viên Tổ kiểm phiếu là các tài khoản cán bộ hiện có, thuộc vai trò nào cũng được, được chỉ định riêng cho từng đợt. Quản trị hệ thống và cán bộ tổ chức phụ trách đợt này chỉ định thành viên và số mảnh khóa cần để mở, khi đợt còn là dự thảo và chưa tạo khóa. Là thành viên chỉ cho quyền nộp mảnh khóa của mình khi kiểm phiếu: không cho xem kết quả, không cho xem danh sách người được khảo sát.',
	'committee.back': 'Về trang đợt khảo sát',

	'committee.state.none': 'Chưa lập',
	'committee.state.noKey': 'Đã lập, chưa tạo khóa',
	'committee.state.keyed': 'Đã có khóa',
	'committee.state.label': 'Trạng thái',
	'committee.thresholdOf': 'Cần {threshold} trong {size} mảnh khóa để mở niêm phong',

	'committee.members.title': 'Thành viên',
	'committee.members.slot': 'Mảnh số',
	'committee.members.share': 'Mảnh khóa',
	'committee.members.hasShare': 'Đã nhận mảnh khóa',
	'committee.members.noShare': 'Chưa nhận',
	'committee.members.none': 'Chưa chỉ định thành viên nào.',

	'committee.form.title': 'Chỉ định thành viên',
	'committee.form.members': 'Thành viên Tổ kiểm phiếu',
	'committee.form.membersHint':
		'Chọn các tài khoản cán bộ đang hoạt động (nên chọn 5 người). Mảnh khóa được đánh số theo thứ tự trong danh sách này: thành viên đã chỉ định đứng trước.',
	'committee.form.pick': 'Chọn',
	'committee.form.threshold': 'Số mảnh khóa cần để mở niêm phong',
	'committee.form.thresholdHint':
		'Mặc định 3 trong 5; từ 2 đến số thành viên. Số càng lớn thì một nhóm nhỏ càng khó tự ý mở, nhưng càng dễ không mở được nếu nhiều người làm mất mảnh khóa.',
	'committee.form.thresholdHintDemo':
		'Bản trình diễn: được phép 1 trong 1 (một người đọc được mọi phiếu; không dùng cho đợt thật).',
	'committee.form.save': 'Lưu Tổ kiểm phiếu',
	'committee.form.noStaff': 'Chưa có tài khoản cán bộ nào đang hoạt động.',
	'committee.saved': 'Đã lưu Tổ kiểm phiếu. Bước tiếp theo: buổi tạo khóa, khi các thành viên có mặt.',
	'committee.locked.notDraft': 'Đợt khảo sát không còn là dự thảo: Tổ kiểm phiếu không thay đổi được nữa.',
	'committee.locked.key': 'Khóa đã được tạo: Tổ kiểm phiếu không thay đổi được nữa.',

	'committee.key.title': 'Khóa niêm phong phiếu',
	'committee.key.fingerprint': 'Dấu vân tay khóa',
	'committee.key.createdAt': 'Tạo lúc',
	'committee.key.compare':
		'Hãy đọc to dấu vân tay này trước Tổ kiểm phiếu. Khi đợt đã mở, đối chiếu với dấu vân tay đăng trên trang công khai {url}: nếu khác nhau, dừng lại và báo ngay cho quản trị hệ thống.',

	'committee.block.title': 'Tổ kiểm phiếu và khóa niêm phong',
	'committee.block.link': 'Mở trang Tổ kiểm phiếu',
	'committee.block.counted': 'Đã kiểm phiếu',
	'committee.block.notCounted': 'Chưa kiểm phiếu',
	'committee.block.openingLink': 'Kiểm phiếu',
	'committee.block.openingNote':
		'Kết quả chỉ có sau khi Tổ kiểm phiếu mở niêm phong và kiểm phiếu; trước đó không ai xem được kết quả và chưa thể công bố.',

	'committee.error.noMembers': 'Hãy chọn ít nhất một thành viên cho Tổ kiểm phiếu.',
	'committee.error.tooMany': 'Tổ kiểm phiếu có tối đa 15 thành viên.',
	'committee.error.duplicate': 'Một tài khoản được chọn hai lần. Mỗi thành viên chỉ giữ một mảnh khóa.',
	'committee.error.threshold': 'Số mảnh khóa cần để mở phải là số nguyên từ 2 đến {size} (số thành viên đã chọn).',
	'committee.error.oneOfOne':
		'1 trong 1 nghĩa là một người đọc được mọi phiếu: chỉ được dùng trong bản trình diễn. Hãy chọn ít nhất 2 thành viên và cần ít nhất 2 mảnh để mở.',
	'committee.error.forbidden':
		'Chỉ quản trị hệ thống và cán bộ tổ chức phụ trách đợt này mới chỉ định được Tổ kiểm phiếu và tạo khóa.',
	'committee.error.notDraft': 'Đợt khảo sát đã mở: không thể thay đổi Tổ kiểm phiếu hay tạo khóa mới.',
	'committee.error.keyExists':
		'Đợt khảo sát này đã có khóa niêm phong: không thể thay đổi Tổ kiểm phiếu hay tạo khóa lần nữa.',
	'committee.error.unknownUser': 'Không có tài khoản cán bộ “{username}”.',
	'committee.error.disabledUser': 'Tài khoản “{username}” đã bị khóa: không thể làm thành viên Tổ kiểm phiếu.',

	'ceremony.error.malformed':
		'Kết quả buổi tạo khóa gửi lên không đúng định dạng nên chưa được ghi nhận. Các mảnh khóa vừa phát không dùng được: hãy hủy chúng và làm lại buổi tạo khóa.',
	'ceremony.error.fingerprint':
		'Dấu vân tay không khớp với khóa gửi lên nên khóa chưa được ghi nhận. Các mảnh khóa vừa phát không dùng được: hãy hủy chúng và làm lại buổi tạo khóa.',
	'ceremony.error.committeeChanged':
		'Tổ kiểm phiếu đã thay đổi trong lúc tạo khóa (thành viên hoặc số mảnh cần để mở), nên khóa chưa được ghi nhận. Hãy hủy các mảnh khóa vừa phát, tải lại trang và làm lại buổi tạo khóa.',
	'ceremony.error.mismatch': 'Hai lần nhập cụm mật khẩu không giống nhau. Hãy nhập lại cả hai.',
	'ceremony.error.browser':
		'Trình duyệt này không tạo được khóa (thiếu chức năng mật mã). Hãy dùng bản mới của Chrome, Edge, Firefox hoặc Safari.',
	'ceremony.error.network':
		'Chưa gửi được kết quả buổi tạo khóa lên máy chủ (mất kết nối?). Các mảnh khóa đã phát vẫn còn giá trị: hãy bấm “Gửi lại”.',

	'ceremony.title': 'Buổi tạo khóa',
	'ceremony.noscript':
		'Buổi tạo khóa cần JavaScript: khóa được tạo và chia thành các mảnh ngay trên trình duyệt này, máy chủ không bao giờ nhận khóa bí mật hay mảnh khóa. Hãy bật JavaScript rồi tải lại trang.',
	'ceremony.notManager': 'Chỉ quản trị hệ thống và cán bộ tổ chức phụ trách đợt này mới tiến hành được buổi tạo khóa.',
	'ceremony.warning.title': 'Đọc kỹ trước khi bắt đầu',
	'ceremony.warning.only':
		'Khóa bí mật để mở phiếu chỉ tồn tại dưới dạng {size} mảnh khóa, mỗi thành viên giữ một mảnh. Không có bản sao nào khác, kể cả trên máy chủ.',
	'ceremony.warning.any':
		'Bất kỳ {threshold} mảnh nào gộp lại cũng mở được niêm phong. Ít hơn {threshold} mảnh thì KHÔNG BAO GIỜ mở được — quản trị hệ thống hay người lập trình cũng không.',
	'ceremony.warning.keep':
		'Mỗi thành viên phải cất giữ tệp (hoặc bản in) mảnh khóa của mình và nhớ cụm mật khẩu mình đặt, cho đến khi kiểm phiếu xong.',
	'ceremony.warning.lose':
		'Chỉ được phép mất tối đa {spare} mảnh khóa. Mất nhiều hơn thì đợt khảo sát không bao giờ mở được và toàn bộ phiếu trả lời không thể kiểm.',
	'ceremony.warning.turns':
		'Các thành viên lần lượt ngồi vào máy này; mỗi người tự gõ cụm mật khẩu của mình, người khác không nhìn màn hình.',
	'ceremony.acknowledge': 'Tôi đã đọc và hiểu các điều trên; các thành viên đang có mặt',
	'ceremony.start': 'Bắt đầu tạo khóa',
	'ceremony.starting': 'Đang tạo khóa…',
	'ceremony.progress': 'Đã phát {done}/{size} mảnh khóa.',
	'ceremony.member.title': 'Mảnh khóa {slot}/{size}: {name} ({username})',
	'ceremony.member.turn': 'Mời {name} ngồi vào máy. Những người khác không nhìn màn hình.',
	'ceremony.passphrase': 'Cụm mật khẩu (ít nhất 10 ký tự)',
	'ceremony.passphraseHint':
		'Một câu dễ nhớ với Ông/Bà, khó đoán với người khác. Cần nó khi kiểm phiếu; không ai khôi phục được nếu quên.',
	'ceremony.passphraseAgain': 'Nhập lại cụm mật khẩu',
	'ceremony.protect': 'Tạo mảnh khóa của tôi',
	'ceremony.protecting': 'Đang mã hóa mảnh khóa bằng cụm mật khẩu (vài giây)…',
	'ceremony.ready': 'Mảnh khóa của {name} đã sẵn sàng. Hãy tải tệp về và/hoặc in trang mảnh khóa.',
	'ceremony.download': 'Tải tệp mảnh khóa',
	'ceremony.print': 'In trang mảnh khóa',
	'ceremony.savedShare': 'Tôi đã lưu tệp/bản in mảnh khóa',
	'ceremony.next': 'Chuyển sang thành viên tiếp theo',
	'ceremony.finish': 'Hoàn tất và ghi nhận khóa',
	'ceremony.recording': 'Đang ghi nhận khóa…',
	'ceremony.retry': 'Gửi lại',
	'ceremony.leaveWarning': 'Buổi tạo khóa chưa xong: rời trang sẽ làm mất khóa.',
	'ceremony.done': 'Đã tạo khóa niêm phong phiếu.',

	'ceremony.sheet.title': 'Mảnh khóa kiểm phiếu',
	'ceremony.sheet.campaign': 'Đợt khảo sát',
	'ceremony.sheet.holder': 'Người giữ',
	'ceremony.sheet.slot': 'Mảnh số',
	'ceremony.sheet.threshold': 'Cần để mở',
	'ceremony.sheet.thresholdValue': '{threshold} trong {size} mảnh',
	'ceremony.sheet.fingerprint': 'Dấu vân tay khóa',
	'ceremony.sheet.code': 'Mã mảnh khóa (đã mã hóa bằng cụm mật khẩu của người giữ)',
	'ceremony.sheet.qr': 'Mã QR chứa mã mảnh khóa',
	'ceremony.sheet.keep':
		'Cất bản này ở nơi an toàn cho đến khi kiểm phiếu xong. Không ghi cụm mật khẩu lên đây: thiếu cụm mật khẩu thì bản này vô dụng, nhưng mất nó thì mảnh khóa cũng mất.',
	'home.committee.title': 'Tổ kiểm phiếu',
	'home.committee.intro':
		'Ông/Bà là thành viên Tổ kiểm phiếu của các đợt khảo sát dưới đây. Sau khi đợt đóng, mở trang kiểm phiếu để nộp mảnh khóa của mình.',
	'home.committee.counted': 'đã kiểm phiếu'
} as const;

const en: Record<keyof typeof vi, string> = {
	'committee.title': 'Counting committee',
	'committee.intro':
		'Answer sheets are sealed in the respondent’s browser with the counting committee’s key. The server cannot read any sheet; only after the round closes, when enough members supply their key shares, are the sheets opened and counted.',
	'committee.rules':
		'Committee members are existing staff accounts of any role, named for each campaign. Admins and the organisers in charge of this campaign name the members and the number of shares needed to open, while the campaign is a draft and has no key. Membership gives only the right to supply one’s key share at the opening: it shows no results and no list of the people surveyed.',
	'committee.back': 'Back to the campaign',

	'committee.state.none': 'Not set up',
	'committee.state.noKey': 'Set up, no key yet',
	'committee.state.keyed': 'Key created',
	'committee.state.label': 'Status',
	'committee.thresholdOf': '{threshold} of {size} key shares needed to open the seal',

	'committee.members.title': 'Members',
	'committee.members.slot': 'Share no.',
	'committee.members.share': 'Key share',
	'committee.members.hasShare': 'Key share received',
	'committee.members.noShare': 'Not yet',
	'committee.members.none': 'No members named yet.',

	'committee.form.title': 'Name the members',
	'committee.form.members': 'Counting committee members',
	'committee.form.membersHint':
		'Choose active staff accounts (five is a good number). Key shares are numbered in the order of this list: members already named come first.',
	'committee.form.pick': 'Choose',
	'committee.form.threshold': 'Key shares needed to open the seal',
	'committee.form.thresholdHint':
		'Default 3 of 5; from 2 up to the number of members. A higher number makes it harder for a small group to open alone, and easier to lose the round if several shares are lost.',
	'committee.form.thresholdHintDemo':
		'Demo: 1 of 1 is allowed (one person can read every sheet; never for a real round).',
	'committee.form.save': 'Save the counting committee',
	'committee.form.noStaff': 'There are no active staff accounts.',
	'committee.saved': 'Counting committee saved. Next step: the key ceremony, with the members present.',
	'committee.locked.notDraft': 'The campaign is no longer a draft: the counting committee can no longer change.',
	'committee.locked.key': 'The key has been created: the counting committee can no longer change.',

	'committee.key.title': 'Sealing key',
	'committee.key.fingerprint': 'Key fingerprint',
	'committee.key.createdAt': 'Created',
	'committee.key.compare':
		'Read this fingerprint out to the committee. Once the round is open, compare it with the fingerprint on the public page {url}: if they differ, stop and tell the system administrator at once.',

	'committee.block.title': 'Counting committee and sealing key',
	'committee.block.link': 'Open the counting committee page',
	'committee.block.counted': 'Counted',
	'committee.block.notCounted': 'Not counted yet',
	'committee.block.openingLink': 'Counting',
	'committee.block.openingNote':
		'Results exist only after the counting committee has opened the seal and counted the sheets; until then nobody can see results and the round cannot be published.',

	'committee.error.noMembers': 'Choose at least one member for the counting committee.',
	'committee.error.tooMany': 'The counting committee has at most 15 members.',
	'committee.error.duplicate': 'An account was chosen twice. Each member holds exactly one key share.',
	'committee.error.threshold':
		'The number of shares needed must be a whole number from 2 to {size} (the number of members chosen).',
	'committee.error.oneOfOne':
		'1 of 1 means one person can read every sheet: it is for the demo only. Choose at least 2 members and require at least 2 shares.',
	'committee.error.forbidden':
		'Only admins and the organisers in charge of this campaign can name the counting committee and create the key.',
	'committee.error.notDraft':
		'The campaign has opened: the counting committee cannot change and no new key can be created.',
	'committee.error.keyExists':
		'This campaign already has a sealing key: the counting committee cannot change and the key cannot be created again.',
	'committee.error.unknownUser': 'There is no staff account “{username}”.',
	'committee.error.disabledUser': 'The account “{username}” is disabled: it cannot be a committee member.',

	'ceremony.error.malformed':
		'The key ceremony’s result was malformed, so it was not recorded. The shares just handed out are useless: destroy them and run the ceremony again.',
	'ceremony.error.fingerprint':
		'The fingerprint does not match the key sent, so the key was not recorded. The shares just handed out are useless: destroy them and run the ceremony again.',
	'ceremony.error.committeeChanged':
		'The counting committee changed during the ceremony (members or shares needed), so the key was not recorded. Destroy the shares just handed out, reload the page and run the ceremony again.',
	'ceremony.error.mismatch': 'The two passphrases differ. Type both again.',
	'ceremony.error.browser':
		'This browser cannot create the key (cryptography missing). Use a recent Chrome, Edge, Firefox or Safari.',
	'ceremony.error.network':
		'The ceremony’s result could not be sent to the server (connection lost?). The shares handed out remain valid: press “Send again”.',

	'ceremony.title': 'Key ceremony',
	'ceremony.noscript':
		'The key ceremony needs JavaScript: the key is created and split into shares in this browser, and the server never receives the private key or a share. Turn JavaScript on and reload the page.',
	'ceremony.notManager': 'Only admins and the organisers in charge of this campaign can run the key ceremony.',
	'ceremony.warning.title': 'Read this before you start',
	'ceremony.warning.only':
		'The private key that opens the sheets exists only as {size} key shares, one per member. There is no other copy, not even on the server.',
	'ceremony.warning.any':
		'Any {threshold} shares together open the seal. Fewer than {threshold} can NEVER open it — not the system administrator, not the developers.',
	'ceremony.warning.keep':
		'Each member must keep their key share file (or printout) and remember the passphrase they chose, until the counting is over.',
	'ceremony.warning.lose':
		'At most {spare} key shares may be lost. Lose more and the round can never be opened: every answer sheet is lost.',
	'ceremony.warning.turns':
		'Members take turns at this computer; each types their own passphrase while the others look away.',
	'ceremony.acknowledge': 'I have read and understood the above; the members are present',
	'ceremony.start': 'Start the key ceremony',
	'ceremony.starting': 'Creating the key…',
	'ceremony.progress': '{done}/{size} key shares handed out.',
	'ceremony.member.title': 'Key share {slot}/{size}: {name} ({username})',
	'ceremony.member.turn': '{name}, please take the seat. Everyone else, look away from the screen.',
	'ceremony.passphrase': 'Passphrase (at least 10 characters)',
	'ceremony.passphraseHint':
		'A sentence easy for you to remember and hard for others to guess. It is needed at the counting; nobody can recover it if forgotten.',
	'ceremony.passphraseAgain': 'Type the passphrase again',
	'ceremony.protect': 'Create my key share',
	'ceremony.protecting': 'Encrypting the key share under the passphrase (a few seconds)…',
	'ceremony.ready': 'The key share of {name} is ready. Download the file and/or print the key share page.',
	'ceremony.download': 'Download the key share file',
	'ceremony.print': 'Print the key share page',
	'ceremony.savedShare': 'I have saved the key share file/printout',
	'ceremony.next': 'Go on to the next member',
	'ceremony.finish': 'Finish and record the key',
	'ceremony.recording': 'Recording the key…',
	'ceremony.retry': 'Send again',
	'ceremony.leaveWarning': 'The key ceremony is not finished: leaving the page loses the key.',
	'ceremony.done': 'The sealing key has been created.',

	'ceremony.sheet.title': 'Counting key share',
	'ceremony.sheet.campaign': 'Campaign',
	'ceremony.sheet.holder': 'Holder',
	'ceremony.sheet.slot': 'Share no.',
	'ceremony.sheet.threshold': 'Needed to open',
	'ceremony.sheet.thresholdValue': '{threshold} of {size} shares',
	'ceremony.sheet.fingerprint': 'Key fingerprint',
	'ceremony.sheet.code': 'Key share code (encrypted under the holder’s passphrase)',
	'ceremony.sheet.qr': 'QR code holding the key share code',
	'ceremony.sheet.keep':
		'Keep this sheet somewhere safe until the counting is over. Do not write the passphrase on it: without the passphrase this sheet is useless, but if it is lost the share is lost too.',
	'home.committee.title': 'Counting committee',
	'home.committee.intro':
		'You sit on the counting committee of the survey rounds below. Once a round is closed, open its counting page to supply your key share.',
	'home.committee.counted': 'counted'
};

export const committeeMessages = { vi, en };
