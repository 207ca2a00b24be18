// Texts of the respondent's pages (link, verification, attestation, answering, receipt, revision) and of the
// ballot endpoints' refusals: Vietnamese first, English second, the same keys and {placeholders} in both.
// Staff-side outreach texts live in `outreach.ts`, the public campaign page's in `public.ts`.
const vi = {
	'respondent.title': 'Phiếu khảo sát cá nhân',
	'respondent.none.title': 'Mở phiếu khảo sát từ liên kết cá nhân',
	'respondent.none.body':
		'Hãy mở liên kết cá nhân trong thư điện tử, tin nhắn hoặc thư giấy mà Ban Tổ chức đã gửi cho ông/bà. Mỗi liên kết chỉ dành cho một người.',
	'respondent.badLink.title': 'Liên kết không dùng được',
	'respondent.badLink.help':
		'Hãy kiểm tra lại liên kết trong thư hoặc tin nhắn (chép đầy đủ, không thiếu ký tự). Nếu vẫn không được, hãy liên hệ cán bộ phụ trách khảo sát của đơn vị để được cấp liên kết mới.',
	'respondent.deadLink.invalidTitle': 'Không tìm thấy liên kết',
	'respondent.deadLink.invalid':
		'Không tìm thấy liên kết này — hãy kiểm tra lại địa chỉ (gõ đúng từng ký tự, không thiếu ký tự nào ở cuối).',
	'respondent.deadLink.revoked': 'Liên kết này đã bị Ban Tổ chức thu hồi ngày {date}.',
	'respondent.deadLink.replaced':
		'Liên kết này đã hết hiệu lực ngày {date}, vì Ban Tổ chức đã gửi ông/bà nhiều liên kết mới hơn.',
	'respondent.deadLink.expired': 'Liên kết này đã hết hiệu lực từ ngày {date}.',
	'respondent.deadLink.newer': 'Liên kết mới nhất đã được gửi {via} ngày {date}: hãy mở liên kết đó.',
	'respondent.deadLink.newerSomehow': 'Ban Tổ chức đã gửi ông/bà một liên kết mới hơn ngày {date}: hãy mở liên kết đó.',
	'respondent.deadLink.via.email': 'qua thư điện tử',
	'respondent.deadLink.via.sms': 'qua tin nhắn SMS',
	'respondent.deadLink.via.zalo': 'qua Zalo',
	'respondent.deadLink.via.letter': 'bằng thư giấy',
	'respondent.deadLink.via.screen': 'qua cán bộ phụ trách khảo sát',
	'respondent.deadLink.via.demo': 'vào hộp thư trình diễn',
	'respondent.deadLink.answeredTitle': 'Ông/bà đã trả lời khảo sát',
	'respondent.deadLink.answered':
		'Ông/bà đã trả lời khảo sát bằng một liên kết khác, nên liên kết này không còn dùng được. Không cần làm gì thêm.',
	'respondent.deadLink.checkReceipt': 'Kiểm tra mã biên nhận trên trang công khai của đợt khảo sát',
	'respondent.deadLink.hotline': 'Cần hỗ trợ, gọi {hotline}.',
	'respondent.closed.body': 'Đợt khảo sát này hiện không nhận phiếu (chưa mở hoặc đã kết thúc).',
	'respondent.submitted.title': 'Liên kết này đã được dùng để gửi phiếu',
	'respondent.submitted.body':
		'Liên kết của ông/bà cho “{title}” đã được dùng để gửi phiếu (mỗi người một phiếu). Mã biên nhận hiện ra ngay khi phiếu được ghi nhận; có thể kiểm tra mã đó trên trang công khai. Xin cảm ơn ông/bà đã tự mình trả lời.',
	'resume.pending': 'Phiếu gửi từ thiết bị này chưa hoàn tất (có thể do mất kết nối). Đang gửi nốt…',
	'resume.working': 'Đang hoàn tất việc gửi phiếu…',
	'resume.retry': 'Gửi nốt phiếu',
	'resume.noDraft':
		'Không còn tìm thấy câu trả lời đã lưu trên thiết bị này nên không gửi nốt được. Hãy liên hệ cán bộ phụ trách khảo sát.',
	'respondent.submitted.revise':
		'Nếu muốn sửa câu trả lời trước khi đợt khảo sát kết thúc, hãy dùng mã sửa phiếu đã nhận khi gửi phiếu.',
	'respondent.publicPage': 'Trang công khai của đợt khảo sát (kiểm tra biên nhận)',
	'respondent.revisePage': 'Sửa phiếu bằng mã sửa phiếu',
	'respondent.leave': 'Thoát khỏi phiếu trên thiết bị này',
	'respondent.verify.whose': 'Liên kết này dành cho: {name}.',
	'respondent.intro.invited': 'Ông/bà được mời trả lời phiếu khảo sát “{organiser}”.',
	'respondent.intro.issuer': 'Cơ quan tổ chức',
	'respondent.intro.deadline': 'Hạn trả lời',
	'respondent.intro.deadlineValue': 'hết ngày {date} (giờ Việt Nam)',
	'respondent.intro.duration': 'Thời gian trả lời',
	'respondent.intro.durationValue': 'khoảng {minutes} phút ({answers} câu hỏi)',
	'respondent.intro.anonymousTitle': 'Vì sao câu trả lời được ẩn danh',
	'respondent.intro.anonymous':
		'Mã xác minh chỉ dùng để bảo đảm đúng ông/bà trả lời và mỗi người một phiếu. Câu trả lời được mã hóa ngay trên thiết bị này trước khi gửi và không gắn với tên hay liên kết của ông/bà; Ban Tổ chức chỉ xem được kết quả tổng hợp của nhiều người, sau khi đợt khảo sát kết thúc.',
	'respondent.intro.publicLink': 'Trang công khai của đợt khảo sát: ai cũng kiểm chứng được số phiếu và khóa mã hóa',
	'respondent.verify.stale':
		'Để bảo đảm chính ông/bà gửi phiếu, cần nhập một mã xác minh mới (lần xác minh trước đã quá 1 giờ). Các câu trả lời đã chọn vẫn được giữ trên thiết bị này.',
	'respondent.verify.explain.email':
		'Để xác minh đúng là ông/bà, hệ thống sẽ gửi mã gồm 6 chữ số đến địa chỉ thư điện tử {contact}.',
	'respondent.verify.explain.sms':
		'Để xác minh đúng là ông/bà, hệ thống sẽ gửi mã gồm 6 chữ số đến số điện thoại {contact}.',
	'respondent.verify.send': 'Gửi mã xác minh',
	'respondent.verify.resend': 'Gửi lại mã mới',
	'respondent.verify.sent.email': 'Đã gửi mã đến {contact}. Mã có hiệu lực 10 phút.',
	'respondent.verify.sent.sms': 'Đã gửi mã đến {contact}. Mã có hiệu lực 10 phút.',
	'respondent.verify.codeLabel': 'Mã xác minh (6 chữ số)',
	'respondent.verify.codeHint': 'Mỗi mã dùng một lần, nhập sai tối đa 5 lần.',
	'respondent.verify.submit': 'Xác minh',
	'respondent.verify.personal':
		'Liên kết và mã xác minh là của riêng ông/bà: không chuyển cho người khác trả lời thay.',
	'respondent.attest.title': 'Cam kết tự mình trả lời',
	'respondent.attest.how': 'Ông/bà trả lời phiếu này như thế nào?',
	'respondent.attest.personal': 'Tôi tự mình trả lời',
	'respondent.attest.assisted': 'Tôi cần người hỗ trợ (ví dụ do khuyết tật hoặc không có thiết bị)',
	'respondent.attest.assistedHint':
		'Việc có người hỗ trợ được ghi lại để Ban Tổ chức và cơ quan kiểm tra biết, nên không bị coi là trả lời thay. Người hỗ trợ chỉ giúp thao tác; nội dung trả lời vẫn là ý kiến của ông/bà.',
	'respondent.attest.helper': 'Họ tên người hỗ trợ',
	'respondent.attest.reason': 'Lý do cần hỗ trợ',
	'respondent.attest.confirmAssisted':
		'Tôi cam đoan các câu trả lời là ý kiến của chính tôi; người hỗ trợ chỉ giúp tôi thao tác trên thiết bị.',
	'respondent.attest.submit': 'Xác nhận và bắt đầu trả lời',
	'respondent.error.noSession': 'Phiên làm việc đã hết hạn. Hãy mở lại liên kết cá nhân trong thư hoặc tin nhắn.',
	'respondent.error.badLink': 'Liên kết không hợp lệ hoặc đã hết hiệu lực.',
	'respondent.error.locked': 'Đã nhập sai mã quá nhiều lần. Vì an toàn, vui lòng thử lại lúc {time}.',
	'respondent.error.noContact':
		'Chưa có địa chỉ thư điện tử hoặc số điện thoại của ông/bà để gửi mã. Hãy liên hệ cán bộ phụ trách khảo sát của đơn vị.',
	'respondent.error.noChannel':
		'Hệ thống chưa được cấu hình kênh gửi mã (thư điện tử hoặc tin nhắn). Hãy báo cho cán bộ phụ trách khảo sát.',
	'respondent.error.tooManyFromIp': 'Quá nhiều lần thử từ mạng này, vui lòng thử lại lúc {time}.',
	'respondent.error.serviceBusy': 'Hệ thống đang bận gửi nhiều mã, vui lòng thử lại sau một phút.',
	'respondent.linkBusy.title': 'Tạm thời chưa mở được liên kết',
	'respondent.error.resendWait': 'Vừa gửi mã. Hãy chờ {seconds} giây trước khi yêu cầu mã mới.',
	'respondent.error.hourlyLimit': 'Đã gửi quá nhiều mã trong một giờ. Vui lòng thử lại lúc {time}.',
	'respondent.error.codeFormat': 'Mã xác minh gồm đúng 6 chữ số. Hãy nhập lại.',
	'respondent.error.noLiveCode': 'Mã đã hết hạn, đã dùng hoặc chưa được gửi. Hãy bấm “Gửi mã xác minh” để nhận mã mới.',
	'respondent.error.wrongCode': 'Mã không đúng. Còn {left} lần thử với mã này.',
	'respondent.error.codeExhausted': 'Mã không đúng và đã hết số lần thử. Hãy yêu cầu mã mới.',
	'respondent.error.notVerified': 'Hãy xác minh bằng mã trước.',
	'respondent.error.alreadySubmitted': 'Ông/bà đã gửi phiếu cho đợt khảo sát này.',
	'respondent.error.helper.required': 'Hãy ghi họ tên người hỗ trợ.',
	'respondent.error.helper.tooLong': 'Họ tên người hỗ trợ quá dài (tối đa 200 ký tự).',
	'respondent.error.reason.required': 'Hãy ghi lý do cần hỗ trợ.',
	'respondent.error.reason.tooLong': 'Lý do quá dài (tối đa 500 ký tự).',
	'respondent.error.confirm': 'Hãy đánh dấu vào ô cam kết.',
	'respondent.error.mode': 'Hãy chọn cách trả lời phiếu.',
	'respondent.error.campaignClosed': 'Đợt khảo sát không còn nhận phiếu.',
	'respondent.error.reverify':
		'Lần xác minh đã quá 1 giờ. Hãy nhập mã xác minh mới rồi gửi lại phiếu; các câu trả lời vẫn được giữ trên thiết bị này.',
	'respondent.error.notAttested': 'Hãy xác nhận cam kết tự mình trả lời trước khi gửi phiếu.',
	'respondent.error.noCell': 'Phiếu của ông/bà chưa được gắn với nhóm báo cáo. Hãy báo cho cán bộ phụ trách khảo sát.',
	'respondent.error.noSealingKey':
		'Đợt khảo sát chưa có khoá niêm phong của Tổ kiểm phiếu nên chưa thể nhận phiếu. Hãy báo cho cán bộ phụ trách khảo sát.',
	'respondent.error.badRequest': 'Yêu cầu không hợp lệ. Hãy tải lại trang và gửi lại.',
	'respondent.error.alreadyIssued':
		'Liên kết này đã được dùng để gửi phiếu; mỗi người chỉ gửi một phiếu. Muốn sửa câu trả lời, hãy dùng mã sửa phiếu.',
	'answer.noscript':
		'Phiếu khảo sát cần JavaScript để giữ câu trả lời bí mật (niêm phong ngay trên thiết bị của ông/bà). Hãy bật JavaScript hoặc dùng trình duyệt khác.',
	'answer.draftNote':
		'Câu trả lời được lưu tạm ngay trên thiết bị này (không gửi lên máy chủ) cho đến khi ông/bà bấm “Gửi phiếu”.',
	'answer.restored': 'Đã khôi phục các câu trả lời đang làm dở trên thiết bị này.',
	'answer.problems': 'Chưa gửi được phiếu:',
	'answer.gaps.intro': 'Còn câu bắt buộc chưa được trả lời. Bấm vào từng trang dưới đây để mở trang đó và trả lời:',
	'answer.gaps.page': 'Trang {page}: {title} (câu {numbers})',
	'answer.gaps.unitPage': 'Trang {page}: {title} – {unit} (câu {numbers})',
	'answer.reverifyLink': 'Nhập mã xác minh mới',
	'answer.error.attest': 'Hãy đánh dấu vào ô cam đoan ở trang cuối.',
	'answer.error.network':
		'Không kết nối được với máy chủ. Câu trả lời vẫn được giữ trên thiết bị này; hãy kiểm tra mạng rồi bấm “Gửi phiếu” lại.',
	'answer.error.keyMismatch':
		'Khoá mã hoá nhận được không trùng với khoá đã công bố của đợt khảo sát, nên phiếu chưa được gửi. Hãy báo cho cán bộ phụ trách khảo sát.',
	'answer.error.crypto':
		'Trình duyệt không thực hiện được bước mã hoá. Hãy dùng phiên bản mới của Chrome, Firefox, Safari hoặc Cốc Cốc rồi thử lại.',
	'answer.step.key': 'Đang kiểm tra khoá công bố của đợt khảo sát…',
	'answer.step.seal': 'Đang niêm phong phiếu trên thiết bị…',
	'answer.step.blind': 'Đang chuẩn bị chứng nhận ẩn danh…',
	'answer.step.credential': 'Đang nhận chứng nhận ẩn danh…',
	'answer.step.cast': 'Đang gửi phiếu ẩn danh…',
	'receipt.title': 'Đã gửi phiếu',
	'receipt.body': 'Phiếu của ông/bà đã được ghi nhận. Xin cảm ơn!',
	'receipt.sealed':
		'Câu trả lời đã được niêm phong ngay trên trình duyệt của ông/bà bằng khoá của Tổ kiểm phiếu; với mã biên nhận, ông/bà kiểm tra được trên trang công khai rằng phiếu đã được ghi nhận (và sau khi kiểm phiếu, đã được tính).',
	'receipt.revisedTitle': 'Đã cập nhật phiếu',
	'receipt.revisedBody':
		'Phiếu mới đã thay thế phiếu trước. Không ai, kể cả Ban Tổ chức, đọc được phiếu nào cho đến khi Tổ kiểm phiếu mở niêm phong sau khi đợt khảo sát kết thúc.',
	'receipt.receipt': 'Mã biên nhận',
	'receipt.check': 'Kiểm tra biên nhận trên trang công khai',
	'receipt.revisionTitle': 'Mã sửa phiếu',
	'receipt.revisionHelp':
		'Với mã này (hoặc mã QR), ông/bà có thể sửa câu trả lời cho đến khi đợt khảo sát kết thúc; lần gửi sau cùng được tính.',
	'receipt.revisionWarning':
		'Hãy chụp lại hoặc in mã này và giữ riêng: ai có mã này có thể sửa phiếu. Hệ thống không lưu mã này nên không thể cấp lại.',
	'receipt.qrAlt': 'Mã QR để mở trang sửa phiếu',
	'receipt.print': 'In biên nhận',
	'revise.title': 'Sửa phiếu khảo sát',
	'revise.help':
		'Nhập mã sửa phiếu nhận được khi gửi phiếu (hoặc quét mã QR). Mã được xử lý ngay trên thiết bị; bản thân mã không gửi lên máy chủ.',
	'revise.codeLabel': 'Mã sửa phiếu',
	'revise.open': 'Mở phiếu',
	'revise.fresh':
		'Hãy trả lời lại toàn bộ phiếu: phiếu mới sẽ thay thế phiếu trước. Cả hai đều được niêm phong: không ai, kể cả Ban Tổ chức, đọc được cho đến khi Tổ kiểm phiếu mở niêm phong sau khi đợt khảo sát kết thúc, nên câu trả lời cũ không hiện lại ở đây.',
	'revise.error.code': 'Mã sửa phiếu không đúng định dạng (26 ký tự chữ và số). Hãy kiểm tra lại.',
	'cast.error.noCampaign': 'Không tìm thấy đợt khảo sát.',
	'cast.error.badRequest': 'Phiếu gửi lên không đúng định dạng.',
	'cast.error.badMessage': 'Mã phiếu không hợp lệ.',
	'cast.error.closed': 'Đợt khảo sát đã kết thúc, không nhận hoặc sửa phiếu nữa.',
	'cast.error.wrongCell': 'Phiếu không thuộc nhóm báo cáo này.',
	'cast.error.unknownCredential': 'Không tìm thấy phiếu ứng với mã này. Hãy kiểm tra lại mã sửa phiếu.',
	'cast.error.badSignature': 'Chứng nhận ẩn danh không hợp lệ cho đợt khảo sát này, nên phiếu không được ghi nhận.',
	'cast.error.noQuestionnaire': 'Nhóm báo cáo này chưa có phiếu hỏi.',
	'error.jsonOnly': 'Yêu cầu phải gửi dưới dạng JSON.',
	'error.bodyTooLarge': 'Dữ liệu gửi lên quá lớn.',
	'error.badJson': 'Dữ liệu gửi lên không đọc được (JSON không hợp lệ).'
};

const en: Record<keyof typeof vi, string> = {
	'respondent.title': 'Personal questionnaire',
	'respondent.none.title': 'Open the questionnaire from your personal link',
	'respondent.none.body':
		'Open the personal link in the e-mail, text message or letter the organisers sent you. Each link is for one person only.',
	'respondent.badLink.title': 'This link cannot be used',
	'respondent.badLink.help':
		'Check the link in your e-mail or message (copied in full, no characters missing). If it still fails, contact your unit’s survey officer for a new link.',
	'respondent.deadLink.invalidTitle': 'Link not found',
	'respondent.deadLink.invalid':
		'This link was not found — check the address (every character typed exactly, none missing at the end).',
	'respondent.deadLink.revoked': 'The organisers revoked this link on {date}.',
	'respondent.deadLink.replaced':
		'This link stopped working on {date}, because the organisers sent you several newer links.',
	'respondent.deadLink.expired': 'This link stopped working on {date}.',
	'respondent.deadLink.newer': 'Your newest link was sent {via} on {date}: open that one.',
	'respondent.deadLink.newerSomehow': 'The organisers sent you a newer link on {date}: open that one.',
	'respondent.deadLink.via.email': 'by e-mail',
	'respondent.deadLink.via.sms': 'by SMS',
	'respondent.deadLink.via.zalo': 'by Zalo',
	'respondent.deadLink.via.letter': 'by paper letter',
	'respondent.deadLink.via.screen': 'through your survey officer',
	'respondent.deadLink.via.demo': 'to the demo outbox',
	'respondent.deadLink.answeredTitle': 'You have already answered',
	'respondent.deadLink.answered':
		'You answered the survey with another link, so this one no longer works. There is nothing more to do.',
	'respondent.deadLink.checkReceipt': 'Check your receipt code on the survey round’s public page',
	'respondent.deadLink.hotline': 'Need help? Call {hotline}.',
	'respondent.closed.body': 'This survey round is not accepting answers (not open yet, or already closed).',
	'respondent.submitted.title': 'This link has been used to submit',
	'respondent.submitted.body':
		'Your link for “{title}” has been used to submit an answer sheet (one per person). The receipt code appears as soon as the sheet is recorded; you can check it on the public page. Thank you for answering yourself.',
	'resume.pending':
		'The submission from this device did not finish (the connection may have dropped). Finishing it now…',
	'resume.working': 'Finishing the submission…',
	'resume.retry': 'Finish submitting',
	'resume.noDraft':
		'The answers saved on this device can no longer be found, so the submission cannot be finished. Contact the survey officer.',
	'respondent.submitted.revise':
		'To change your answers before the round closes, use the revision code you received when you submitted.',
	'respondent.publicPage': 'The survey round’s public page (check a receipt)',
	'respondent.revisePage': 'Change answers with a revision code',
	'respondent.leave': 'Leave the questionnaire on this device',
	'respondent.verify.whose': 'This link is for: {name}.',
	'respondent.intro.invited': 'You are invited to answer the survey “{organiser}”.',
	'respondent.intro.issuer': 'Organised by',
	'respondent.intro.deadline': 'Deadline',
	'respondent.intro.deadlineValue': 'end of {date} (Vietnam time)',
	'respondent.intro.duration': 'Time needed',
	'respondent.intro.durationValue': 'about {minutes} minutes ({answers} questions)',
	'respondent.intro.anonymousTitle': 'Why your answers are anonymous',
	'respondent.intro.anonymous':
		'The code only makes sure that you are the one answering, once. Your answers are encrypted on this device before they are sent and are not tied to your name or link; the organisers only see results combined over many people, after the round closes.',
	'respondent.intro.publicLink': 'The round’s public page: anyone can check the counts and the encryption keys',
	'respondent.verify.stale':
		'To make sure it is you who submits, enter a new verification code (the last one was more than 1 hour ago). Your answers are still kept on this device.',
	'respondent.verify.explain.email':
		'To check that it is you, we will send a 6-digit code to the e-mail address {contact}.',
	'respondent.verify.explain.sms':
		'To check that it is you, we will send a 6-digit code to the phone number {contact}.',
	'respondent.verify.send': 'Send verification code',
	'respondent.verify.resend': 'Send a new code',
	'respondent.verify.sent.email': 'A code was sent to {contact}. It is valid for 10 minutes.',
	'respondent.verify.sent.sms': 'A code was sent to {contact}. It is valid for 10 minutes.',
	'respondent.verify.codeLabel': 'Verification code (6 digits)',
	'respondent.verify.codeHint': 'Each code works once; at most 5 wrong tries.',
	'respondent.verify.submit': 'Verify',
	'respondent.verify.personal':
		'The link and the code are yours alone: do not pass them on to someone who answers for you.',
	'respondent.attest.title': 'Your commitment to answer yourself',
	'respondent.attest.how': 'How are you answering this questionnaire?',
	'respondent.attest.personal': 'I answer myself',
	'respondent.attest.assisted': 'I need someone to help (for example a disability, or no device)',
	'respondent.attest.assistedHint':
		'Help is recorded so that the organisers and auditors know of it and it is not mistaken for someone answering for you. The helper only operates the device; the answers remain your opinion.',
	'respondent.attest.helper': 'Full name of the helper',
	'respondent.attest.reason': 'Why you need help',
	'respondent.attest.confirmAssisted':
		'I declare that the answers are my own opinion; the helper only helps me use the device.',
	'respondent.attest.submit': 'Confirm and start answering',
	'respondent.error.noSession': 'Your session has expired. Open your personal link again from the e-mail or message.',
	'respondent.error.badLink': 'The link is invalid or no longer valid.',
	'respondent.error.locked': 'Too many wrong codes. For safety, please try again at {time}.',
	'respondent.error.noContact':
		'We have no e-mail address or phone number of yours to send a code to. Contact your unit’s survey officer.',
	'respondent.error.noChannel':
		'No channel for sending codes (e-mail or text message) is configured yet. Tell the survey officer.',
	'respondent.error.tooManyFromIp': 'Too many attempts from this network, please try again at {time}.',
	'respondent.error.serviceBusy': 'The service is busy sending many codes, please try again in a minute.',
	'respondent.linkBusy.title': 'The link cannot be opened just now',
	'respondent.error.resendWait': 'A code was just sent. Wait {seconds} seconds before asking for a new one.',
	'respondent.error.hourlyLimit': 'Too many codes were sent within an hour. Please try again at {time}.',
	'respondent.error.codeFormat': 'The verification code has exactly 6 digits. Enter it again.',
	'respondent.error.noLiveCode':
		'The code has expired, was used, or was never sent. Press “Send verification code” to get a new one.',
	'respondent.error.wrongCode': 'Wrong code. {left} tries left with this code.',
	'respondent.error.codeExhausted': 'Wrong code, and no tries are left for it. Ask for a new code.',
	'respondent.error.notVerified': 'Verify with a code first.',
	'respondent.error.alreadySubmitted': 'You have already submitted your answers for this round.',
	'respondent.error.helper.required': 'Enter the helper’s full name.',
	'respondent.error.helper.tooLong': 'The helper’s name is too long (at most 200 characters).',
	'respondent.error.reason.required': 'Enter why you need help.',
	'respondent.error.reason.tooLong': 'The reason is too long (at most 500 characters).',
	'respondent.error.confirm': 'Tick the commitment box.',
	'respondent.error.mode': 'Choose how you answer the questionnaire.',
	'respondent.error.campaignClosed': 'The survey round no longer accepts answers.',
	'respondent.error.reverify':
		'Your verification is more than 1 hour old. Enter a new code, then submit again; your answers are still kept on this device.',
	'respondent.error.notAttested': 'Confirm that you answer yourself before submitting.',
	'respondent.error.noCell': 'Your questionnaire is not attached to a reporting cell. Tell the survey officer.',
	'respondent.error.noSealingKey':
		'This survey round has no sealing key from the counting committee yet, so it cannot take answer sheets. Tell the survey officer.',
	'respondent.error.badRequest': 'Invalid request. Reload the page and submit again.',
	'respondent.error.alreadyIssued':
		'This link has already been used to submit; each person submits once. To change your answers, use your revision code.',
	'answer.noscript':
		'The questionnaire needs JavaScript to keep your answers secret (they are sealed on your device). Turn JavaScript on or use another browser.',
	'answer.draftNote': 'Your answers are kept on this device only (not sent to the server) until you press “Submit”.',
	'answer.restored': 'The answers you had started on this device were restored.',
	'answer.problems': 'Your answers were not submitted yet:',
	'answer.gaps.intro': 'Some required questions are not answered yet. Press a page below to open it and answer them:',
	'answer.gaps.page': 'Page {page}: {title} (questions {numbers})',
	'answer.gaps.unitPage': 'Page {page}: {title} – {unit} (questions {numbers})',
	'answer.reverifyLink': 'Enter a new verification code',
	'answer.error.attest': 'Tick the declaration box on the last page.',
	'answer.error.network':
		'Could not reach the server. Your answers are still kept on this device; check the connection and press “Submit” again.',
	'answer.error.keyMismatch':
		'The encryption key received does not match the survey round’s published keys, so nothing was submitted. Tell the survey officer.',
	'answer.error.crypto':
		'The browser could not perform the encryption step. Use a recent Chrome, Firefox, Safari or Cốc Cốc and try again.',
	'answer.step.key': 'Checking the survey round’s published key…',
	'answer.step.seal': 'Sealing the answer sheet on your device…',
	'answer.step.blind': 'Preparing the anonymous credential…',
	'answer.step.credential': 'Getting the anonymous credential…',
	'answer.step.cast': 'Submitting the anonymous answer sheet…',
	'receipt.title': 'Answers submitted',
	'receipt.body': 'Your answer sheet has been recorded. Thank you!',
	'receipt.sealed':
		'Your answers were sealed in your browser with the counting committee’s key; with the receipt code you can check on the public page that your sheet was recorded (and, after the count, counted).',
	'receipt.revisedTitle': 'Answers updated',
	'receipt.revisedBody':
		'Your new sheet replaced the previous one. Nobody, not even the organisers, can read either until the counting committee opens the seal after the round closes.',
	'receipt.receipt': 'Receipt code',
	'receipt.check': 'Check the receipt on the public page',
	'receipt.revisionTitle': 'Revision code',
	'receipt.revisionHelp':
		'With this code (or the QR code) you can change your answers until the round closes; the last submission counts.',
	'receipt.revisionWarning':
		'Photograph or print this code and keep it private: anyone with it can change your answers. It is not stored anywhere, so it cannot be issued again.',
	'receipt.qrAlt': 'QR code opening the revision page',
	'receipt.print': 'Print the receipt',
	'revise.title': 'Change your answers',
	'revise.help':
		'Enter the revision code you received when you submitted (or scan the QR code). The code is processed on this device; the code itself is not sent to the server.',
	'revise.codeLabel': 'Revision code',
	'revise.open': 'Open my answers',
	'revise.fresh':
		'Answer the whole questionnaire again: the new sheet replaces the previous one. Both are sealed: nobody, not even the organisers, can read them until the counting committee opens the seal after the round closes, so the earlier answers are not shown here.',
	'revise.error.code': 'The revision code is not in the right format (26 letters and digits). Check it again.',
	'cast.error.noCampaign': 'Survey round not found.',
	'cast.error.badRequest': 'The answer sheet is not in the expected format.',
	'cast.error.badMessage': 'The answer sheet code is invalid.',
	'cast.error.closed': 'The survey round has closed; answers are no longer accepted or changed.',
	'cast.error.wrongCell': 'The answer sheet does not belong to this reporting cell.',
	'cast.error.unknownCredential': 'No answer sheet matches this code. Check the revision code.',
	'cast.error.badSignature':
		'The anonymous credential is not valid for this survey round, so the answer sheet was not recorded.',
	'cast.error.noQuestionnaire': 'This reporting cell has no questionnaire.',
	'error.jsonOnly': 'The request must be sent as JSON.',
	'error.bodyTooLarge': 'The data sent is too large.',
	'error.badJson': 'The data sent cannot be read (invalid JSON).'
};

export const respondentMessages = { vi, en };
