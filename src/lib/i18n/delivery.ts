// Texts of message delivery (e-mail, SMS/Zalo gateway, demo outbox): errors shown to organisers and
// stored in the delivery log, statuses, channels. Vietnamese first, English second, same placeholders.
const vi = {
	'delivery.error.noChannel':
		'Chưa cấu hình kênh gửi nào (thư điện tử hoặc SMS/Zalo) nên không gửi được; không có gì được ghi hay xếp hàng. Hãy in thư giấy, hoặc nhờ quản trị viên cấu hình SMTP_URL hay SMS_GATEWAY_URL.',
	'delivery.error.noNotifier': 'Kênh {channel} hiện không được cấu hình trên máy chủ.',
	'delivery.error.bodyUnreadable': 'Không giải mã được nội dung thư (khoá ứng dụng đã thay đổi?).',
	'delivery.error.codeExpired': 'Bỏ qua: mã xác minh đã hết hạn trước khi gửi được.',
	'delivery.error.cancelledReissued': 'Đã huỷ: liên kết mới đã được cấp thay cho liên kết trong thư này.',
	'delivery.error.cancelledRevoked': 'Đã huỷ: liên kết trong thư này đã bị thu hồi.',
	'delivery.error.cancelledNewCode': 'Đã huỷ: người trả lời đã yêu cầu mã xác minh mới.',
	'delivery.error.smtpConnect': 'Không kết nối được máy chủ thư (SMTP), sẽ thử lại: {detail}',
	'delivery.error.smtpTemporary': 'Máy chủ thư tạm thời từ chối, sẽ thử lại: {detail}',
	'delivery.error.smtpRejected': 'Máy chủ thư từ chối địa chỉ hoặc nội dung (lỗi vĩnh viễn): {detail}',
	'delivery.error.smtpAuth': 'Máy chủ thư từ chối đăng nhập hoặc địa chỉ người gửi, sẽ thử lại: {detail}',
	'delivery.error.smtpConfig':
		'Cấu hình thư điện tử không hợp lệ: cần SMTP_URL dạng smtp:// hoặc smtps:// và MAIL_FROM có địa chỉ thư.',
	'delivery.error.gatewayUrl': 'Địa chỉ cổng SMS/Zalo không hợp lệ.',
	'delivery.error.gatewayHttps':
		'Địa chỉ cổng SMS/Zalo phải dùng https:// (chỉ chế độ trình diễn mới cho phép http://).',
	'delivery.error.gatewayCredentials':
		'Không đặt tên đăng nhập hay mật khẩu trong địa chỉ cổng SMS/Zalo; hãy dùng SMS_GATEWAY_KEY_HEADER và SMS_GATEWAY_KEY.',
	'delivery.error.gatewayBlocked':
		'Cổng SMS/Zalo {host} trỏ tới địa chỉ nội bộ hoặc đặc biệt {address} ({range}): bị từ chối để bảo vệ mạng nội bộ.',
	'delivery.error.gatewayDns': 'Không phân giải được tên máy {host} của cổng SMS/Zalo, sẽ thử lại.',
	'delivery.error.gatewayTemplate':
		'Mẫu nội dung SMS_GATEWAY_BODY phải là JSON có {{to}} và {{text}} đặt trong dấu ngoặc kép.',
	'delivery.error.gatewayHeader': 'Tên tiêu đề SMS_GATEWAY_KEY_HEADER hoặc khoá SMS_GATEWAY_KEY không hợp lệ.',
	'delivery.error.gatewayRedirect':
		'Cổng SMS/Zalo trả về chuyển hướng (HTTP {status}); hệ thống không đi theo chuyển hướng.',
	'delivery.error.gatewayStatus': 'Cổng SMS/Zalo trả lời HTTP {status}.',
	'delivery.error.gatewayTimeout': 'Cổng SMS/Zalo không trả lời sau {seconds} giây, sẽ thử lại.',
	'delivery.error.gatewayNetwork': 'Không kết nối được cổng SMS/Zalo, sẽ thử lại: {detail}',
	'delivery.status.queued': 'Đang chờ gửi',
	'delivery.status.sending': 'Đang gửi',
	'delivery.status.sent': 'Đã gửi',
	'delivery.status.failed': 'Gửi không được',
	'delivery.status.cancelled': 'Đã huỷ',
	'delivery.channel.email': 'Thư điện tử',
	'delivery.channel.sms': 'SMS/Zalo',
	'delivery.channel.demo': 'Hộp thư trình diễn',
	'delivery.kind.invitation': 'Thư mời',
	'delivery.kind.reminder': 'Thư nhắc',
	'delivery.kind.code': 'Mã xác minh',
	'delivery.progress': 'Đã gửi {sent}/{total}, lỗi {failed}',
	'action.delivery.failed': 'Gửi thư/tin nhắn không được'
};

const en: Record<keyof typeof vi, string> = {
	'delivery.error.noChannel':
		'No delivery channel (e-mail or SMS/Zalo) is configured, so nothing can be sent; nothing was recorded or queued. Print letters, or ask an administrator to set SMTP_URL or SMS_GATEWAY_URL.',
	'delivery.error.noNotifier': 'The {channel} channel is not configured on the server.',
	'delivery.error.bodyUnreadable': 'The message body could not be decrypted (has the application key changed?).',
	'delivery.error.codeExpired': 'Skipped: the one-time code expired before it could be sent.',
	'delivery.error.cancelledReissued': 'Cancelled: a new link replaced the one in this message.',
	'delivery.error.cancelledRevoked': 'Cancelled: the link in this message was revoked.',
	'delivery.error.cancelledNewCode': 'Cancelled: the respondent asked for a new code.',
	'delivery.error.smtpConnect': 'Could not connect to the mail (SMTP) server, will retry: {detail}',
	'delivery.error.smtpTemporary': 'The mail server refused for now, will retry: {detail}',
	'delivery.error.smtpRejected': 'The mail server rejected the address or the message (permanent): {detail}',
	'delivery.error.smtpAuth': 'The mail server refused the login or the sender address, will retry: {detail}',
	'delivery.error.smtpConfig':
		'Invalid e-mail settings: SMTP_URL must be smtp:// or smtps:// and MAIL_FROM must hold an address.',
	'delivery.error.gatewayUrl': 'The SMS/Zalo gateway address is not a valid URL.',
	'delivery.error.gatewayHttps': 'The SMS/Zalo gateway address must use https:// (http:// only in demo mode).',
	'delivery.error.gatewayCredentials':
		'Do not put a user name or password in the SMS/Zalo gateway address; use SMS_GATEWAY_KEY_HEADER and SMS_GATEWAY_KEY.',
	'delivery.error.gatewayBlocked':
		'The SMS/Zalo gateway {host} points to an internal or special address {address} ({range}): refused to protect the internal network.',
	'delivery.error.gatewayDns': 'The SMS/Zalo gateway host name {host} could not be resolved, will retry.',
	'delivery.error.gatewayTemplate': 'SMS_GATEWAY_BODY must be JSON with {{to}} and {{text}} inside double quotes.',
	'delivery.error.gatewayHeader': 'SMS_GATEWAY_KEY_HEADER or SMS_GATEWAY_KEY is not a valid header.',
	'delivery.error.gatewayRedirect':
		'The SMS/Zalo gateway answered with a redirect (HTTP {status}); redirects are not followed.',
	'delivery.error.gatewayStatus': 'The SMS/Zalo gateway answered HTTP {status}.',
	'delivery.error.gatewayTimeout': 'The SMS/Zalo gateway did not answer within {seconds} seconds, will retry.',
	'delivery.error.gatewayNetwork': 'Could not reach the SMS/Zalo gateway, will retry: {detail}',
	'delivery.status.queued': 'Queued',
	'delivery.status.sending': 'Sending',
	'delivery.status.sent': 'Sent',
	'delivery.status.failed': 'Failed',
	'delivery.status.cancelled': 'Cancelled',
	'delivery.channel.email': 'E-mail',
	'delivery.channel.sms': 'SMS/Zalo',
	'delivery.channel.demo': 'Demo outbox',
	'delivery.kind.invitation': 'Invitation',
	'delivery.kind.reminder': 'Reminder',
	'delivery.kind.code': 'One-time code',
	'delivery.progress': 'Sent {sent}/{total}, {failed} failed',
	'action.delivery.failed': 'Message could not be delivered'
};

export const deliveryMessages = { vi, en };
