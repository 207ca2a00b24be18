// Texts of the results pages (scores, charts, tables, report): Vietnamese first, English second,
// the same keys and {placeholders} in both.
const vi = {
	'results.link': 'Kết quả điều tra',
	'results.error.draft': 'Đợt khảo sát còn là bản nháp nên chưa có kết quả.',
	'results.error.unitUnknown': 'Không tìm thấy đơn vị này trong kết quả của đợt khảo sát.',
	'results.error.groupUnknown': 'Không tìm thấy nhóm đối tượng này trong đợt khảo sát.',
	'results.error.nothingInScope': 'Đơn vị của bạn không có ô báo cáo riêng trong đợt khảo sát này (số người được mời quá ít nên được gộp vào đơn vị cấp trên), nên không có kết quả riêng để xem.',
	'results.error.unitOutside': 'Đơn vị này nằm ngoài phạm vi của bạn.',
	'results.error.role': 'Vai trò của bạn không được xem kết quả điều tra.',
	'results.error.unpublished': 'Kết quả của đợt khảo sát này chưa được công bố.',
	'results.error.scope': 'Đợt khảo sát này nằm ngoài phạm vi của bạn.',
	'action.results.exported': 'Tải kết quả điều tra (XLSX/CSV)',
	'action.results.printed': 'Mở báo cáo kết quả để in',
	'action.results.tallies_checked': 'Kiểm tra lại số liệu tổng hợp từ phiếu'
};

const en: Record<keyof typeof vi, string> = {
	'results.link': 'Survey results',
	'results.error.draft': 'This survey round is still a draft, so it has no results.',
	'results.error.unitUnknown': 'This unit is not in the results of this survey round.',
	'results.error.groupUnknown': 'This respondent group is not in this survey round.',
	'results.error.nothingInScope': 'Your unit has no reporting cell of its own in this round (too few invitees, so they were pooled into a parent unit), so there are no separate results to show.',
	'results.error.unitOutside': 'This unit is outside your scope.',
	'results.error.role': 'Your role may not read survey results.',
	'results.error.unpublished': 'The results of this survey round are not published yet.',
	'results.error.scope': 'This survey round is outside your scope.',
	'action.results.exported': 'Survey results downloaded (XLSX/CSV)',
	'action.results.printed': 'Results report opened for printing',
	'action.results.tallies_checked': 'Tallies re-checked against the answer sheets'
};

export const resultsMessages = { vi, en };
