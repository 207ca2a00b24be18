// Texts of the results exports (XLSX sheets and headers, CSV headers) and of the printable report.
// Exports are always Vietnamese; the English column is for the English interface's labels.
const vi = {
	'resultsExport.sheet.fields': 'Lĩnh vực'
};

const en: Record<keyof typeof vi, string> = {
	'resultsExport.sheet.fields': 'Fields'
};

export const resultsExportMessages = { vi, en };
