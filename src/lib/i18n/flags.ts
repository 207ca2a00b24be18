// Texts of the proxy-completion flags page: Vietnamese first, English second, the same keys and
// {placeholders} in both. Each kind says what the signal means and why it may well be innocent.
const vi = {
	'flags.title': 'Tín hiệu trả lời thay',
	'flags.link': 'Tín hiệu trả lời thay',
	'flags.intro':
		'Các tín hiệu chỉ được tính từ dữ liệu tham gia (ai mở liên kết, xác minh mã, nhận chứng nhận, khi nào, trên thiết bị và địa chỉ IP nào), không bao giờ từ nội dung câu trả lời. Một tín hiệu là lý do để kiểm tra, không phải bằng chứng vi phạm.',
	'flags.total': 'Tổng cộng {count} tín hiệu.',
	'flags.summary': 'Tóm tắt theo loại',
	'flags.countOf': '{count} tín hiệu',
	'flags.severity.strong': 'Mạnh',
	'flags.severity.weak': 'Yếu',
	'flags.severity.info': 'Thông tin',
	'flags.severityLabel': 'Mức độ: {severity}',
	'flags.means': 'Ý nghĩa:',
	'flags.innocent': 'Có thể vô hại khi',
	'flags.none': 'Không có tín hiệu nào thuộc loại này.',
	'flags.col.people': 'Người liên quan',
	'flags.col.details': 'Chi tiết',
	'flags.col.evidence': 'Sự kiện trong nhật ký',
	'flags.col.review': 'Xem xét',
	'flags.noEvidence': 'Không có sự kiện trong nhật ký (phát hiện từ danh sách người được khảo sát).',
	'flags.evidence': 'Sự kiện số {seq}: {action}, {time}',
	'flags.noPeople': 'Không xác định được người liên quan.',
	'flags.thresholds': 'Ngưỡng của tín hiệu cùng địa chỉ IP',
	'flags.ipCount': 'Số người khác nhau tối thiểu',
	'flags.ipMinutes': 'Trong khoảng (phút)',
	'flags.apply': 'Áp dụng',
	'flags.reset': 'Về mặc định',
	'flags.error.ipCount': 'Số người tối thiểu phải là số nguyên từ 2 đến 1000; đang dùng giá trị mặc định.',
	'flags.error.ipMinutes': 'Khoảng thời gian phải là số nguyên từ 1 đến 1440 phút; đang dùng giá trị mặc định.',
	'flags.byCampaign': 'Tín hiệu trả lời thay theo đợt khảo sát',
	'flags.byCampaignIntro':
		'Mỗi đợt khảo sát có một trang liệt kê các tín hiệu một người có thể đã trả lời thay cho người khác, kèm các sự kiện trong nhật ký làm căn cứ.',
	'flags.noCampaigns': 'Chưa có đợt khảo sát nào được mở.',
	'flags.channel.email': 'Thư điện tử',
	'flags.channel.phone': 'Số điện thoại',
	'flags.review.reason': 'Lý do (đã kiểm tra gì, kết luận ra sao)',
	'flags.review.reasonHint': 'Từ 3 đến 500 ký tự; được ghi vào nhật ký kiểm toán.',
	'flags.review.submit': 'Đánh dấu đã xem xét',
	'flags.review.done': 'Đã xem xét bởi {by} lúc {time}: {reason}',
	'flags.review.saved': 'Đã đánh dấu tín hiệu là đã xem xét.',
	'flags.review.error.reason': 'Hãy ghi lý do, từ 3 đến 500 ký tự.',
	'flags.review.error.role': 'Chỉ quản trị viên và kiểm toán viên được đánh dấu tín hiệu là đã xem xét.',
	'flags.review.error.unknown': 'Tín hiệu này không còn (dữ liệu hoặc ngưỡng đã thay đổi); hãy tải lại trang.',
	'action.flag.reviewed': 'Đánh dấu tín hiệu trả lời thay đã xem xét',

	'flags.kind.sharedDevice.title': 'Một thiết bị dùng cho nhiều người',
	'flags.kind.sharedDevice.means':
		'Cùng một thiết bị (trình duyệt) đã xác minh mã hoặc nhận chứng nhận cho liên kết của hai người trở lên. Đây là dấu hiệu rõ nhất của việc một người trả lời thay cho người khác.',
	'flags.kind.sharedDevice.innocent':
		'nhiều người lần lượt dùng chung một máy tính của cơ quan hoặc của điểm hỗ trợ, hay người trong gia đình dùng chung điện thoại. Hãy đối chiếu với các khai báo hỗ trợ và hỏi trực tiếp những người liên quan.',
	'flags.kind.sharedDevice.detail': 'Thiết bị {device}: {people} người.',
	'flags.kind.sharedContact.title': 'Một địa chỉ liên lạc cho nhiều người',
	'flags.kind.sharedContact.means':
		'Một địa chỉ thư điện tử hoặc số điện thoại được ghi cho nhiều người trong danh sách. Mã xác minh của những người này đều gửi về cùng một nơi, nên người giữ hộp thư hoặc điện thoại đó có thể xác minh thay tất cả.',
	'flags.kind.sharedContact.innocent':
		'danh sách ghi hộp thư chung của văn phòng hoặc số điện thoại của thư ký. Nên sửa danh sách để mỗi người có địa chỉ liên lạc riêng.',
	'flags.kind.sharedContact.detail': '{channel} {contact}: {people} người.',
	'flags.kind.ipBurst.title': 'Nhiều người xác minh từ một địa chỉ IP',
	'flags.kind.ipBurst.means':
		'Từ {count} người khác nhau trở lên xác minh mã từ cùng một địa chỉ IP trong vòng {minutes} phút.',
	'flags.kind.ipBurst.innocent':
		'các máy trong một cơ quan thường ra Internet qua chung một địa chỉ IP, nên cả một phòng trả lời cùng lúc (ví dụ trong buổi họp) cũng tạo ra tín hiệu này. Đây là tín hiệu yếu, chỉ đáng chú ý khi đi kèm tín hiệu khác.',
	'flags.kind.ipBurst.detail': 'Địa chỉ IP {ip}: {people} người, từ {from} đến {to}.',
	'flags.kind.fastCompletion.title': 'Gửi phiếu nhanh bất thường',
	'flags.kind.fastCompletion.means':
		'Thời gian từ lúc xác minh mã đến lúc nhận chứng nhận gửi phiếu ngắn hơn mức lớn hơn trong hai giá trị: 60 giây và một phần tư thời gian trung vị của đợt khảo sát (cần ít nhất 5 người đã gửi phiếu để có trung vị). Phiếu có thể đã được điền sẵn.',
	'flags.kind.fastCompletion.innocent':
		'câu trả lời nháp được lưu trên thiết bị: người trả lời có thể đã điền phiếu từ trước, rồi chỉ nhập lại mã mới trước khi gửi (mã xác minh chỉ có hiệu lực gửi phiếu trong 1 giờ). Người quen bộ câu hỏi cũng trả lời nhanh.',
	'flags.kind.fastCompletion.detail': '{seconds} giây (trung vị {median} giây, ngưỡng {threshold} giây).',
	'flags.kind.multiDevice.title': 'Một liên kết xác minh trên nhiều thiết bị',
	'flags.kind.multiDevice.means':
		'Một liên kết được xác minh trên hai thiết bị trở lên; mỗi thiết bị phải nhập một mã riêng.',
	'flags.kind.multiDevice.innocent':
		'người trả lời mở liên kết trên điện thoại rồi chuyển sang máy tính, dùng hai trình duyệt, hoặc đã xoá cookie của trình duyệt.',
	'flags.kind.multiDevice.detail': 'Xác minh trên {devices} thiết bị.',
	'flags.kind.failedCodes.title': 'Nhập sai mã nhiều lần',
	'flags.kind.failedCodes.means':
		'Liên kết bị tạm khoá hoặc có từ {threshold} lần nhập sai mã trở lên: có thể có người đoán mã vì không giữ hộp thư hoặc điện thoại của người được mời.',
	'flags.kind.failedCodes.innocent': 'người trả lời gõ nhầm, nhập mã cũ sau khi đã yêu cầu mã mới, hoặc mã đến chậm.',
	'flags.kind.failedCodes.detail': '{failed} lần nhập sai, {locked} lần bị tạm khoá.',
	'flags.kind.codeOtherDevice.title': 'Mã nhập trên thiết bị khác',
	'flags.kind.codeOtherDevice.means':
		'Mã xác minh được yêu cầu trên một thiết bị nhưng được nhập trên một thiết bị khác: mã có thể đã được chuyển cho người khác.',
	'flags.kind.codeOtherDevice.innocent':
		'người trả lời yêu cầu mã trên điện thoại rồi nhập trên máy tính (hoặc ngược lại), hoặc mở liên kết trên hai trình duyệt.',
	'flags.kind.codeOtherDevice.detail': '{count} lần nhập mã trên thiết bị khác.',
	'flags.kind.sameBrowser.title': 'Một trình duyệt cho nhiều người, cùng địa chỉ IP',
	'flags.kind.sameBrowser.means':
		'Liên kết của hai người trở lên được xác minh mã hoặc nhận chứng nhận trên cùng một trình duyệt (cùng dấu vân tay trình duyệt, kể cả khi mở cửa sổ ẩn danh mới) và từ cùng một địa chỉ IP, lần lượt người này sau người kia, trong khoảng thời gian do quản trị viên đặt. Đây là dấu hiệu rõ của một người trả lời thay cho nhiều người.',
	'flags.kind.sameBrowser.innocent':
		'nhiều người lần lượt dùng chung một máy tính (điểm hỗ trợ, máy dùng chung của phòng), hoặc các máy tính giống hệt nhau của cơ quan được dùng lần lượt. Hãy đối chiếu với các khai báo hỗ trợ và hỏi trực tiếp những người liên quan.',
	'flags.kind.sameBrowser.detail':
		'Trình duyệt {fingerprint}, địa chỉ IP {ip}: {people} người trong vòng {minutes} phút.',
	'flags.kind.sameFingerprint.title': 'Cùng dấu vân tay trình duyệt',
	'flags.kind.sameFingerprint.means':
		'Liên kết của hai người trở lên được xác minh trên các trình duyệt có cùng đặc điểm (phần mềm, ngôn ngữ, múi giờ, màn hình…), nhưng từ địa chỉ IP khác, cách xa nhau về thời gian, hoặc cùng lúc.',
	'flags.kind.sameFingerprint.innocent':
		'cơ quan cài đặt các máy tính giống hệt nhau, hoặc nhiều người dùng cùng một mẫu điện thoại với cùng cài đặt: dấu vân tay trình duyệt không phân biệt được các máy giống nhau. Đây là tín hiệu yếu, chỉ đáng chú ý khi đi kèm tín hiệu khác.',
	'flags.kind.sameFingerprint.detail': 'Trình duyệt {fingerprint}: {people} người, {ips} địa chỉ IP.',
	'flags.kind.serialChain.title': 'Trả lời nối tiếp từ một địa chỉ IP',
	'flags.kind.serialChain.means':
		'Từ cùng một địa chỉ IP, các phiên của những người khác nhau nối tiếp nhau: người sau yêu cầu mã ngay sau khi người trước nhận chứng nhận, và không có ai khác dùng địa chỉ đó xen giữa hay cùng lúc. Các phiên diễn ra cùng lúc (như cả phòng trả lời trong giờ nghỉ trưa) không bao giờ tạo thành chuỗi.',
	'flags.kind.serialChain.innocent':
		'đồng nghiệp trong một phòng lần lượt trả lời, người này xong thì đến người kia. Đây là tín hiệu yếu: hãy xem mốc thời gian và các tín hiệu về thiết bị hoặc trình duyệt đi kèm.',
	'flags.kind.serialChain.detail':
		'Địa chỉ IP {ip}: {people} người nối tiếp nhau, mỗi lần cách không quá {minutes} phút ({timeline}).',
	'flags.kind.codeRelayed.title': 'Mã của nhiều người được nhập trong vài giây',
	'flags.kind.codeRelayed.means':
		'Cùng một trình duyệt, từ cùng một địa chỉ IP, đã nhập mã xác minh của một người chỉ vài giây sau khi yêu cầu hoặc nhập mã của một người khác: mã của nhiều người qua tay một người.',
	'flags.kind.codeRelayed.innocent':
		'hai người ngồi ở hai máy tính giống hệt nhau của cơ quan nhập mã gần như cùng lúc. Hãy hỏi trực tiếp những người liên quan.',
	'flags.kind.codeRelayed.detail':
		'Trình duyệt {fingerprint}, địa chỉ IP {ip}: mã của {people} người trong vòng {seconds} giây.',
	'flags.kind.assisted.title': 'Trả lời có người hỗ trợ (đã khai báo)',
	'flags.kind.assisted.means': 'Người trả lời tự khai báo có người giúp thao tác, ghi rõ người hỗ trợ và lý do.',
	'flags.kind.assisted.innocent':
		'đây là điều người trả lời tự khai báo, không phải dấu hiệu đáng ngờ: việc hỗ trợ được ghi nhận để minh bạch thay vì âm thầm. Chỉ cần chú ý khi cùng một người hỗ trợ xuất hiện rất nhiều lần.',
	'flags.kind.assisted.detail': 'Người hỗ trợ: {helper}. Lý do: {reason}.'
};

const en: Record<keyof typeof vi, string> = {
	'flags.title': 'Proxy-completion signals',
	'flags.link': 'Proxy-completion signals',
	'flags.intro':
		'Signals are computed from participation data only (who opened a link, entered a code, received a credential, when, on which device and from which IP address), never from the answers. A signal is a reason to check, not proof of wrongdoing.',
	'flags.total': '{count} signals in all.',
	'flags.summary': 'Summary by kind',
	'flags.countOf': '{count} signals',
	'flags.severity.strong': 'Strong',
	'flags.severity.weak': 'Weak',
	'flags.severity.info': 'Information',
	'flags.severityLabel': 'Severity: {severity}',
	'flags.means': 'What it means:',
	'flags.innocent': 'It may be innocent when',
	'flags.none': 'No signal of this kind.',
	'flags.col.people': 'People concerned',
	'flags.col.details': 'Details',
	'flags.col.evidence': 'Events in the audit log',
	'flags.col.review': 'Review',
	'flags.noEvidence': 'No event in the audit log (found in the list of respondents).',
	'flags.evidence': 'Event {seq}: {action}, {time}',
	'flags.noPeople': 'The people concerned could not be identified.',
	'flags.thresholds': 'Thresholds of the shared-IP signal',
	'flags.ipCount': 'Minimum number of different people',
	'flags.ipMinutes': 'Within (minutes)',
	'flags.apply': 'Apply',
	'flags.reset': 'Back to defaults',
	'flags.error.ipCount': 'The minimum number of people must be a whole number from 2 to 1000; the default is used.',
	'flags.error.ipMinutes': 'The time window must be a whole number of minutes from 1 to 1440; the default is used.',
	'flags.byCampaign': 'Proxy-completion signals by survey round',
	'flags.byCampaignIntro':
		'Each survey round has a page listing the signals that one person may have answered for others, with the audit events behind each one.',
	'flags.noCampaigns': 'No survey round has been opened yet.',
	'flags.channel.email': 'E-mail',
	'flags.channel.phone': 'Phone',
	'flags.review.reason': 'Reason (what was checked, what was concluded)',
	'flags.review.reasonHint': 'From 3 to 500 characters; recorded in the audit log.',
	'flags.review.submit': 'Mark as reviewed',
	'flags.review.done': 'Reviewed by {by} at {time}: {reason}',
	'flags.review.saved': 'The signal was marked as reviewed.',
	'flags.review.error.reason': 'Give a reason, from 3 to 500 characters.',
	'flags.review.error.role': 'Only administrators and auditors may mark a signal as reviewed.',
	'flags.review.error.unknown': 'This signal no longer exists (the data or the thresholds changed); reload the page.',
	'action.flag.reviewed': 'Proxy-completion signal marked as reviewed',

	'flags.kind.sharedDevice.title': 'One device used for several people',
	'flags.kind.sharedDevice.means':
		'The same device (browser) entered a code or received a credential for the links of two or more people. This is the clearest sign of one person answering for others.',
	'flags.kind.sharedDevice.innocent':
		'several people take turns on one office computer or at a help desk, or a family shares one phone. Compare with the declared assisted completions and ask the people concerned.',
	'flags.kind.sharedDevice.detail': 'Device {device}: {people} people.',
	'flags.kind.sharedContact.title': 'One contact for several people',
	'flags.kind.sharedContact.means':
		'One e-mail address or phone number is registered for several people of the roster. Their codes all go to the same place, so whoever holds that mailbox or phone can verify for all of them.',
	'flags.kind.sharedContact.innocent':
		'the roster lists an office mailbox or a secretary’s phone. Fix the roster so that everyone has their own contact.',
	'flags.kind.sharedContact.detail': '{channel} {contact}: {people} people.',
	'flags.kind.ipBurst.title': 'Many people verified from one IP address',
	'flags.kind.ipBurst.means':
		'{count} or more different people entered their code from the same IP address within {minutes} minutes.',
	'flags.kind.ipBurst.innocent':
		'the computers of an office usually reach the Internet through one shared address, so a whole room answering at once (in a meeting, say) raises this signal too. It is weak, worth a look only alongside other signals.',
	'flags.kind.ipBurst.detail': 'IP address {ip}: {people} people, from {from} to {to}.',
	'flags.kind.fastCompletion.title': 'Unusually fast submission',
	'flags.kind.fastCompletion.means':
		'The time from entering the code to receiving the credential is below the larger of 60 seconds and a quarter of the round’s median (at least 5 submissions are needed for a median). The answers may have been filled in beforehand.',
	'flags.kind.fastCompletion.innocent':
		'draft answers are kept on the device: the respondent may have answered earlier and only entered a fresh code before sending (a verification is good for sending for 1 hour). People who know the questionnaire also answer quickly.',
	'flags.kind.fastCompletion.detail': '{seconds} seconds (median {median} seconds, threshold {threshold} seconds).',
	'flags.kind.multiDevice.title': 'One link verified on several devices',
	'flags.kind.multiDevice.means': 'One link was verified on two or more devices; each device needed its own code.',
	'flags.kind.multiDevice.innocent':
		'the respondent opened the link on a phone and moved to a computer, used two browsers, or cleared the browser’s cookies.',
	'flags.kind.multiDevice.detail': 'Verified on {devices} devices.',
	'flags.kind.failedCodes.title': 'Repeated wrong codes',
	'flags.kind.failedCodes.means':
		'The link was locked, or {threshold} or more wrong codes were entered: someone may have been guessing because they do not hold the invitee’s mailbox or phone.',
	'flags.kind.failedCodes.innocent':
		'the respondent mistyped, entered an old code after asking for a new one, or the code arrived late.',
	'flags.kind.failedCodes.detail': '{failed} wrong codes, {locked} lockouts.',
	'flags.kind.codeOtherDevice.title': 'Code entered on another device',
	'flags.kind.codeOtherDevice.means':
		'The code was requested on one device and entered on another: it may have been passed on to someone else.',
	'flags.kind.codeOtherDevice.innocent':
		'the respondent asked for the code on a phone and typed it on a computer (or the other way round), or opened the link in two browsers.',
	'flags.kind.codeOtherDevice.detail': 'Code entered on another device {count} times.',
	'flags.kind.sameBrowser.title': 'One browser for several people, from one IP address',
	'flags.kind.sameBrowser.means':
		'The links of two or more people were verified or credentialed by the same browser (the same browser fingerprint, even in a fresh private window) from the same IP address, one after the other, within a time window set by the administrator. This is a clear sign of one person answering for several.',
	'flags.kind.sameBrowser.innocent':
		'several people took turns on one computer (a help desk, a shared office PC), or identical office computers were used one after the other. Compare with the declared assisted completions and ask the people concerned.',
	'flags.kind.sameBrowser.detail': 'Browser {fingerprint}, IP address {ip}: {people} people within {minutes} minutes.',
	'flags.kind.sameFingerprint.title': 'Same browser fingerprint',
	'flags.kind.sameFingerprint.means':
		'The links of two or more people were verified in browsers with the same traits (software, language, time zone, screen…), but from other IP addresses, far apart in time, or at the same time.',
	'flags.kind.sameFingerprint.innocent':
		'the office installs identical computers, or several people use the same phone model with the same settings: a browser fingerprint cannot tell identical machines apart. It is weak, worth a look only alongside other signals.',
	'flags.kind.sameFingerprint.detail': 'Browser {fingerprint}: {people} people, {ips} IP addresses.',
	'flags.kind.serialChain.title': 'Back-to-back completions from one IP address',
	'flags.kind.serialChain.means':
		'From one IP address, the sessions of different people follow one another: each asks for a code right after the previous one received the credential, with nobody else using that address in between or alongside. Sessions at the same time (a whole room answering over lunch) never form a chain.',
	'flags.kind.serialChain.innocent':
		'colleagues in one office answered in turn, one after the other. It is weak: read the timeline and look for device or browser signals alongside it.',
	'flags.kind.serialChain.detail':
		'IP address {ip}: {people} people one after another, at most {minutes} minutes apart ({timeline}).',
	'flags.kind.codeRelayed.title': 'Several people’s codes entered within seconds',
	'flags.kind.codeRelayed.means':
		'The same browser, from the same IP address, entered one person’s code within seconds of requesting or entering another person’s code: several people’s codes went through one pair of hands.',
	'flags.kind.codeRelayed.innocent':
		'two people at two identical office computers entered their codes at almost the same moment. Ask the people concerned.',
	'flags.kind.codeRelayed.detail':
		'Browser {fingerprint}, IP address {ip}: codes of {people} people within {seconds} seconds.',
	'flags.kind.assisted.title': 'Assisted completion (declared)',
	'flags.kind.assisted.means':
		'The respondent declared that someone helped them operate the device, with the helper’s name and the reason.',
	'flags.kind.assisted.innocent':
		'this is the respondent’s own declaration, not a suspicious sign: help is recorded so that it is visible instead of silent. Look closer only when the same helper appears many times.',
	'flags.kind.assisted.detail': 'Helper: {helper}. Reason: {reason}.'
};

export const flagsMessages = { vi, en };
