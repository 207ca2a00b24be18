// The error page's own texts, for when the layout's data is missing (the layout itself failed). Vietnamese,
// the default locale; bundled into the browser, so kept to the few keys the error page shows (a unit test
// keeps them equal to the catalog).
import type { Texts } from './translate';

export const FALLBACK_TEXTS: Texts = {
	'app.name': 'Khảo sát PAR',
	'error.title': 'Lỗi {status}',
	'error.reference': 'Mã tham chiếu lỗi: {id}',
	'error.backHome': 'Về trang chủ',
	'error.unexpected':
		'Đã xảy ra lỗi ngoài ý muốn. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên kèm mã tham chiếu.',
	'error.notFound': 'Không tìm thấy trang này.',
	'error.unavailable': 'Hệ thống đang tạm thời không ghi được dữ liệu, vui lòng thử lại sau ít phút.',
	'error.forbidden': 'Bạn không có quyền truy cập trang này. Lần truy cập đã được ghi vào nhật ký.'
};
