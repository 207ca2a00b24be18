// Texts of the results pages (scores, charts, tables, report): Vietnamese first, English second,
// the same keys and {placeholders} in both.
const vi = {
	'results.link': 'Kết quả điều tra',
	'action.results.exported': 'Tải kết quả điều tra (XLSX/CSV)',
	'action.results.printed': 'Mở báo cáo kết quả để in',
	'action.results.tallies_checked': 'Kiểm tra lại số liệu tổng hợp từ phiếu'
};

const en: Record<keyof typeof vi, string> = {
	'results.link': 'Survey results',
	'action.results.exported': 'Survey results downloaded (XLSX/CSV)',
	'action.results.printed': 'Results report opened for printing',
	'action.results.tallies_checked': 'Tallies re-checked against the answer sheets'
};

export const resultsMessages = { vi, en };
