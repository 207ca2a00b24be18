// Texts for checking a submitted answer sheet (src/lib/domain/ballot.ts): Vietnamese first, English
// second, the same keys and {placeholders} in both. Errors other than a missing answer or a long
// comment mean the page is out of date or was tampered with, so they ask for a reload.
// {unitId} is the rated unit's id; a caller that knows the unit's name may pass the name instead.
const vi = {
	'ballot.error.malformed':
		'Dữ liệu phiếu trả lời không đúng định dạng nên chưa được ghi nhận. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.tooManyAnswers':
		'Phiếu trả lời có quá nhiều mục (tối đa {max}) nên chưa được ghi nhận. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.tooManyComments':
		'Phiếu trả lời có quá nhiều ý kiến ghi thêm (tối đa {max}) nên chưa được ghi nhận. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.notText': 'Giá trị của mục “{name}” không hợp lệ. Hãy tải lại trang rồi trả lời lại câu hỏi này.',
	'ballot.error.questionUnknown':
		'Phiếu hỏi không có câu “{name}”. Có thể phiếu hỏi đã thay đổi; hãy tải lại trang rồi gửi lại.',
	'ballot.error.unitNotExpected':
		'Câu {number} không đánh giá theo từng đơn vị nhưng câu trả lời lại gắn với một đơn vị. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.unitMissing':
		'Câu {number} phải được trả lời cho từng đơn vị được đánh giá nhưng câu trả lời không ghi đơn vị nào. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.unitUnknown':
		'Câu {number}: đơn vị “{unitId}” không thuộc danh sách đơn vị Ông/Bà được phân công đánh giá. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.optionUnknown': 'Câu {number}: phương án đã chọn không có trong phiếu hỏi. Hãy chọn lại một phương án.',
	'ballot.error.commentNotAllowed': 'Câu {number} không có phần ghi ý kiến. Hãy tải lại trang rồi gửi lại.',
	'ballot.error.commentTooLong': 'Câu {number}: ý kiến ghi thêm dài quá {max} ký tự. Hãy rút gọn lại.',
	'ballot.error.required': 'Câu {number} chưa được trả lời. Hãy chọn một phương án.',
	'ballot.error.requiredForUnit': 'Câu {number} chưa được trả lời cho đơn vị “{unitId}”. Hãy chọn một phương án.',
	'ballot.error.more': 'Còn {count} lỗi khác chưa được liệt kê.'
} as const;

export type BallotMessageKey = keyof typeof vi;

const en: Record<BallotMessageKey, string> = {
	'ballot.error.malformed':
		'The answer sheet is not in the expected format and was not recorded. Reload the page and submit again.',
	'ballot.error.tooManyAnswers':
		'The answer sheet has too many entries (at most {max}) and was not recorded. Reload the page and submit again.',
	'ballot.error.tooManyComments':
		'The answer sheet has too many comments (at most {max}) and was not recorded. Reload the page and submit again.',
	'ballot.error.notText': 'The value of “{name}” is not valid. Reload the page and answer this question again.',
	'ballot.error.questionUnknown':
		'The questionnaire has no question “{name}”. It may have changed; reload the page and submit again.',
	'ballot.error.unitNotExpected':
		'Question {number} is not asked per unit, yet its answer names a unit. Reload the page and submit again.',
	'ballot.error.unitMissing':
		'Question {number} is answered once per rated unit, yet its answer names no unit. Reload the page and submit again.',
	'ballot.error.unitUnknown':
		'Question {number}: unit “{unitId}” is not among the units you were assigned to rate. Reload the page and submit again.',
	'ballot.error.optionUnknown':
		'Question {number}: the chosen option is not in the questionnaire. Choose an option again.',
	'ballot.error.commentNotAllowed': 'Question {number} takes no comment. Reload the page and submit again.',
	'ballot.error.commentTooLong': 'Question {number}: the comment is longer than {max} characters. Please shorten it.',
	'ballot.error.required': 'Question {number} has not been answered. Choose an option.',
	'ballot.error.requiredForUnit': 'Question {number} has not been answered for unit “{unitId}”. Choose an option.',
	'ballot.error.more': '{count} more errors are not listed.'
};

export const ballotMessages = { vi, en };
