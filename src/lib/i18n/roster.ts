// Texts for reading table files and importing rosters and units: Vietnamese first, English second,
// the same keys and {placeholders} in both (checked by tests/unit/roster.test.ts).
const vi = {
	'table.error.tooLarge':
		'Tệp quá lớn: giới hạn là {maxMiB} MiB. Hãy bỏ các cột, trang tính không cần thiết hoặc chia danh sách thành nhiều tệp.',
	'table.error.empty':
		'Tệp không có dữ liệu. Hãy kiểm tra lại tệp đã chọn: dòng đầu tiên là dòng tiêu đề, danh sách bắt đầu từ dòng 2.',
	'table.error.headerOnly':
		'Tệp mới có dòng tiêu đề, chưa có dòng dữ liệu nào. Hãy điền danh sách từ dòng 2 rồi tải lên lại.',
	'table.error.encoding':
		'Tệp CSV không dùng bảng mã UTF-8 (có thể là bảng mã cũ như TCVN3, VNI hoặc Windows-1258) nên chữ tiếng Việt sẽ bị sai. Trong Excel, hãy chọn “Lưu thành” → “CSV UTF-8 (Comma delimited)” hoặc lưu dạng .xlsx rồi tải lên lại.',
	'table.error.legacyXls':
		'Đây là tệp Excel định dạng cũ (.xls) hoặc tệp đã đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu nếu có, chọn “Lưu thành” → “Sổ làm việc Excel (.xlsx)” rồi tải lên lại.',
	'table.error.corruptZip':
		'Tệp .xlsx bị hỏng hoặc không đầy đủ nên không đọc được. Hãy mở tệp trong Excel, lưu lại rồi tải lên lại.',
	'table.error.notXlsx': 'Tệp nén này không phải là sổ làm việc Excel (.xlsx). Hãy tải lên tệp .xlsx hoặc .csv.',
	'table.error.notTableKnown':
		'Tệp này không phải là bảng tính (CSV hoặc XLSX) mà là một tệp {format}, dù tên tệp có thể ghi .xlsx hoặc .csv. Hãy chọn đúng tệp danh sách (.xlsx hoặc .csv) rồi tải lên lại.',
	'table.error.notTable':
		'Tệp này không phải là bảng tính (CSV hoặc XLSX): nội dung của nó là dữ liệu nhị phân, không phải văn bản hay sổ làm việc Excel. Hãy chọn đúng tệp danh sách (.xlsx hoặc .csv) rồi tải lên lại.',
	'table.error.zipTooManyEntries':
		'Tệp .xlsx có quá nhiều thành phần ({count}, tối đa {max}) nên bị từ chối vì lý do an toàn. Hãy chép danh sách sang một sổ làm việc mới rồi tải lên lại.',
	'table.error.zipTooLarge':
		'Khi giải nén, tệp .xlsx vượt quá {maxMiB} MiB nên bị từ chối vì lý do an toàn. Hãy bỏ các trang tính, hình ảnh không cần thiết hoặc chia danh sách thành nhiều tệp.',
	'table.error.zipRatio':
		'Tệp .xlsx có dấu hiệu bất thường (tỷ lệ nén quá cao, có thể là “bom nén”) nên bị từ chối vì lý do an toàn. Hãy chép danh sách sang một sổ làm việc mới rồi tải lên lại.',
	'table.error.noWorksheet':
		'Không tìm thấy trang tính nào đọc được trong tệp. Hãy đặt danh sách ở trang tính đầu tiên rồi tải lên lại.',
	'table.error.tooManyRows': 'Tệp có nhiều hơn {max} dòng. Hãy chia danh sách thành nhiều tệp nhỏ hơn.',
	'table.error.csvSyntax':
		'Tệp CSV bị lỗi định dạng gần dòng {line} (thường do dấu ngoặc kép không được đóng). Hãy mở tệp trong Excel, lưu lại rồi tải lên lại.',
	'table.error.unreadable':
		'Không đọc được tệp. Hãy kiểm tra đây là tệp .xlsx hoặc .csv hợp lệ, mở và lưu lại trong Excel rồi tải lên lại.',

	'roster.file.missingColumn':
		'Tệp thiếu cột “{column}”. Hãy thêm cột này vào dòng tiêu đề (các tên cột được chấp nhận: {accepted}) hoặc dùng tệp mẫu.',
	'roster.file.duplicateColumn':
		'Hai cột “{column}” và “{other}” có cùng ý nghĩa. Hãy giữ lại một cột rồi tải lên lại.',

	'roster.error.formula':
		'Dòng {line}: ô ở cột {columns} chứa công thức. Vì lý do an toàn, hệ thống không tính công thức; hãy sao chép rồi dán dưới dạng giá trị (Dán đặc biệt → Giá trị).',
	'roster.error.tooLong': 'Dòng {line}: nội dung ở cột “{column}” dài quá {max} ký tự. Hãy rút gọn lại.',
	'roster.error.invalidCharacters':
		'Dòng {line}: cột “{column}” chứa ký tự điều khiển hoặc ký tự ẩn. Hãy gõ lại nội dung ô này.',
	'roster.error.nameMissing': 'Dòng {line}: chưa có họ và tên. Hãy điền họ và tên đầy đủ, có dấu.',
	'roster.error.codeMissing':
		'Dòng {line}: chưa có mã cá nhân. Mỗi người cần một mã riêng, không trùng với người khác.',
	'roster.error.exampleRow': 'Dòng {line} là dòng ví dụ của tệp mẫu. Hãy xoá dòng này trước khi tải lên.',
	'roster.error.unitMissing': 'Dòng {line}: chưa có mã đơn vị. Hãy điền mã đơn vị theo danh sách đơn vị.',
	'roster.error.unitUnknown':
		'Dòng {line}: mã đơn vị “{value}” không có trong danh sách đơn vị. Hãy kiểm tra lại mã (đơn vị được nhận diện theo mã, không theo tên).',
	'roster.error.unitLeadingZeros':
		'Dòng {line}: mã đơn vị “{value}” không có trong danh sách đơn vị; có thể Excel đã bỏ các số 0 ở đầu mã “{suggestion}”. Hãy định dạng cột mã đơn vị là Văn bản (Text) và nhập lại đủ số 0.',
	'roster.error.groupMissing': 'Dòng {line}: chưa có nhóm đối tượng. Hãy điền mã hoặc tên nhóm.',
	'roster.error.groupUnknown':
		'Dòng {line}: nhóm “{value}” không thuộc đợt khảo sát này. Hãy dùng một trong các mã nhóm: {known}.',
	'roster.error.emailInvalid':
		'Dòng {line}: địa chỉ thư điện tử “{value}” không hợp lệ. Hãy sửa lại (ví dụ: ten@donvi.gov.vn) hoặc để trống nếu đã có số điện thoại.',
	'roster.error.phoneInvalid':
		'Dòng {line}: số điện thoại “{value}” không hợp lệ. Hãy ghi một số duy nhất, ví dụ 0912 345 678 hoặc +84 912 345 678.',
	'roster.error.noContact':
		'Dòng {line}: chưa có thư điện tử hoặc số điện thoại. Cần ít nhất một cách liên hệ để gửi đường dẫn cá nhân.',
	'roster.error.codeDuplicate':
		'Dòng {line}: trùng mã cá nhân “{value}” với dòng {firstLine}. Dòng {firstLine} vẫn được nhập, dòng {line} thì không. Nếu đây là hai người khác nhau, hãy sửa mã ở dòng {line} rồi tải lên lại.',

	'roster.warning.ignoredColumns': 'Các cột sau không được sử dụng và sẽ bị bỏ qua: {columns}.',
	'roster.warning.sharedEmail':
		'Thư điện tử “{contact}” được ghi cho {count} người (dòng {lines}): {names}. Mỗi người phải tự nhận đường dẫn của mình; nếu đây là hộp thư chung hoặc của người giúp việc, hãy thay bằng địa chỉ riêng của từng người.',
	'roster.warning.sharedPhone':
		'Số điện thoại “{contact}” được ghi cho {count} người (dòng {lines}): {names}. Mỗi người phải tự nhận đường dẫn của mình; nếu đây là số của văn phòng hoặc của người giúp việc, hãy thay bằng số riêng của từng người.',
	'roster.warning.sameName':
		'Họ tên “{name}” xuất hiện {count} lần trong cùng đơn vị “{unit}” (dòng {lines}). Nếu là cùng một người, hãy xoá dòng thừa; nếu là những người khác nhau, có thể bỏ qua cảnh báo này.',
	'roster.warning.phoneNotMobile':
		'Dòng {line}: “{value}” là số máy cố định, không nhận được tin nhắn. Nên dùng số di động hoặc bổ sung thư điện tử.',

	'unitImport.error.codeMissing': 'Dòng {line}: chưa có mã đơn vị. Hãy điền mã đơn vị.',
	'unitImport.error.codeFormat':
		'Dòng {line}: mã đơn vị “{value}” không hợp lệ. Mã chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang, tối đa 32 ký tự.',
	'unitImport.error.nameMissing': 'Dòng {line}: chưa có tên đơn vị. Hãy điền tên đơn vị.',
	'unitImport.error.codeDuplicate':
		'Dòng {line}: mã đơn vị “{value}” trùng với dòng {firstLine}. Mỗi đơn vị phải có một mã riêng; hãy sửa một trong hai dòng.',
	'unitImport.error.codeExists':
		'Dòng {line}: mã đơn vị “{value}” đã có trong hệ thống. Hãy bỏ dòng này hoặc dùng mã khác.',
	'unitImport.error.parentUnknown':
		'Dòng {line}: mã đơn vị cấp trên “{parent}” của đơn vị “{value}” không có trong tệp và cũng không có trong hệ thống. Hãy kiểm tra lại mã cấp trên.',
	'unitImport.error.parentSelf':
		'Dòng {line}: đơn vị “{value}” không thể là cấp trên của chính nó. Hãy sửa mã đơn vị cấp trên.',
	'unitImport.error.cycle':
		'Các dòng {lines} tạo thành vòng lặp cấp trên ({codes}). Hãy sửa mã đơn vị cấp trên để cây đơn vị có điểm gốc.',
	'unitImport.error.parentRejected':
		'Dòng {line}: đơn vị cấp trên “{parent}” của đơn vị “{value}” đang có lỗi nên chưa thể nhập đơn vị này. Hãy sửa lỗi của đơn vị cấp trên trước.',
	'unitImport.warning.sameName':
		'Tên đơn vị “{name}” xuất hiện nhiều lần dưới cùng đơn vị cấp trên “{parent}” (dòng {lines}). Hãy kiểm tra xem có bị trùng không.',

	'roster.template.sheet': 'Danh sách',
	'roster.template.helpSheet': 'Hướng dẫn',
	'roster.template.codesSheet': 'Mã hợp lệ',
	'roster.template.codes.unitCode': 'Mã đơn vị',
	'roster.template.codes.unitName': 'Tên đơn vị',
	'roster.template.codes.groupCode': 'Mã nhóm',
	'roster.template.codes.groupName': 'Tên nhóm',
	'roster.template.invalid.title': 'Mã không hợp lệ',
	'roster.template.invalid.unit':
		'Mã đơn vị này không có trong trang “Mã hợp lệ” của đợt khảo sát. Hãy chọn một mã trong danh sách.',
	'roster.template.invalid.group':
		'Mã nhóm này không có trong trang “Mã hợp lệ” của đợt khảo sát. Hãy chọn một mã nhóm trong danh sách.',
	'roster.template.help.title': 'Hướng dẫn điền danh sách người trả lời phiếu',
	'roster.template.help.rows':
		'Dòng 1 là dòng tiêu đề, giữ nguyên. Mỗi người một dòng, bắt đầu từ dòng 2. Dòng 2 hiện là dòng ví dụ: hãy xoá trước khi tải lên.',
	'roster.template.help.fullName': 'Họ và tên: bắt buộc, viết đầy đủ, có dấu.',
	'roster.template.help.personalCode': 'Mã cá nhân: bắt buộc, mỗi người một mã riêng, không trùng nhau.',
	'roster.template.help.unitCode':
		'Mã đơn vị: bắt buộc, chọn trong danh sách (trang “Mã hợp lệ”); đơn vị được nhận diện theo mã, không theo tên.',
	'roster.template.help.group':
		'Nhóm: bắt buộc, ghi mã nhóm đối tượng của đợt khảo sát, chọn trong danh sách (trang “Mã hợp lệ”).',
	'roster.template.help.position': 'Chức vụ: không bắt buộc.',
	'roster.template.help.email': 'Email: địa chỉ thư điện tử riêng của chính người đó.',
	'roster.template.help.phone':
		'Số điện thoại: số di động riêng của chính người đó. Cần ít nhất email hoặc số điện thoại.',
	'roster.template.help.personal':
		'Đường dẫn khảo sát là của cá nhân, không được chuyển cho người khác trả lời hộ: không ghi email hoặc số điện thoại của trợ lý, văn thư hay hộp thư chung.',
	'roster.template.help.text':
		'Các cột mã và số điện thoại đã được định dạng Văn bản (Text) để Excel giữ các số 0 ở đầu. Không dùng công thức: ô có công thức sẽ bị từ chối.'
} as const;

export type RosterMessageKey = keyof typeof vi;

const en: Record<RosterMessageKey, string> = {
	'table.error.tooLarge':
		'The file is too large: the limit is {maxMiB} MiB. Remove unneeded columns or sheets, or split the list into several files.',
	'table.error.empty':
		'The file holds no data. Check that you chose the right file: the first row is the header and the list starts on row 2.',
	'table.error.headerOnly':
		'The file has only a header row and no data yet. Fill in the list from row 2 and upload it again.',
	'table.error.encoding':
		'This CSV file is not UTF-8 (it may use a legacy encoding such as TCVN3, VNI or Windows-1258), so Vietnamese letters would come out wrong. In Excel choose “Save As” → “CSV UTF-8 (Comma delimited)” or save as .xlsx, then upload it again.',
	'table.error.legacyXls':
		'This is an old-format Excel file (.xls) or a password-protected file. Open it in Excel, remove any password, choose “Save As” → “Excel Workbook (.xlsx)” and upload it again.',
	'table.error.corruptZip':
		'The .xlsx file is damaged or incomplete and cannot be read. Open it in Excel, save it again and upload it again.',
	'table.error.notXlsx': 'This compressed file is not an Excel workbook (.xlsx). Upload an .xlsx or .csv file.',
	'table.error.notTableKnown':
		'This file is not a spreadsheet (CSV or XLSX) but a file in {format} format, whatever its name says. Choose the list file (.xlsx or .csv) and upload it again.',
	'table.error.notTable':
		'This file is not a spreadsheet (CSV or XLSX): it holds binary data, neither text nor an Excel workbook. Choose the list file (.xlsx or .csv) and upload it again.',
	'table.error.zipTooManyEntries':
		'The .xlsx file has too many parts ({count}, at most {max}) and was refused for safety. Copy the list into a new workbook and upload it again.',
	'table.error.zipTooLarge':
		'Unpacked, the .xlsx file would exceed {maxMiB} MiB and was refused for safety. Remove unneeded sheets or pictures, or split the list into several files.',
	'table.error.zipRatio':
		'The .xlsx file looks abnormal (an extreme compression ratio, possibly a “zip bomb”) and was refused for safety. Copy the list into a new workbook and upload it again.',
	'table.error.noWorksheet':
		'No readable worksheet was found in the file. Put the list on the first worksheet and upload it again.',
	'table.error.tooManyRows': 'The file has more than {max} rows. Split the list into smaller files.',
	'table.error.csvSyntax':
		'The CSV file is malformed near row {line} (usually an unclosed double quote). Open it in Excel, save it again and upload it again.',
	'table.error.unreadable':
		'The file could not be read. Check that it is a valid .xlsx or .csv file, open and save it again in Excel, then upload it again.',

	'roster.file.missingColumn':
		'The file has no “{column}” column. Add it to the header row (accepted column names: {accepted}) or use the template.',
	'roster.file.duplicateColumn':
		'The columns “{column}” and “{other}” mean the same thing. Keep only one of them and upload again.',

	'roster.error.formula':
		'Row {line}: the cell in column {columns} holds a formula. For safety, formulas are never evaluated; copy the cells and paste them as values (Paste Special → Values).',
	'roster.error.tooLong':
		'Row {line}: the text in column “{column}” is longer than {max} characters. Please shorten it.',
	'roster.error.invalidCharacters':
		'Row {line}: column “{column}” contains control or invisible characters. Please retype this cell.',
	'roster.error.nameMissing': 'Row {line}: the full name is missing. Enter the full name with diacritics.',
	'roster.error.codeMissing':
		'Row {line}: the personal code is missing. Everyone needs their own code, different from everyone else’s.',
	'roster.error.exampleRow': 'Row {line} is the template’s example row. Delete it before uploading.',
	'roster.error.unitMissing': 'Row {line}: the unit code is missing. Enter the unit code from the list of units.',
	'roster.error.unitUnknown':
		'Row {line}: unit code “{value}” is not in the list of units. Check the code (units are identified by code, not by name).',
	'roster.error.unitLeadingZeros':
		'Row {line}: unit code “{value}” is not in the list of units; Excel may have dropped the leading zeros of “{suggestion}”. Format the unit code column as Text and enter the zeros again.',
	'roster.error.groupMissing': 'Row {line}: the respondent group is missing. Enter the group’s code or name.',
	'roster.error.groupUnknown':
		'Row {line}: group “{value}” is not part of this survey round. Use one of the group codes: {known}.',
	'roster.error.emailInvalid':
		'Row {line}: e-mail address “{value}” is not valid. Correct it (e.g. name@unit.gov.vn) or leave it empty if a phone number is given.',
	'roster.error.phoneInvalid':
		'Row {line}: phone number “{value}” is not valid. Give a single number, e.g. 0912 345 678 or +84 912 345 678.',
	'roster.error.noContact':
		'Row {line}: there is neither an e-mail address nor a phone number. At least one is needed to send the personal link.',
	'roster.error.codeDuplicate':
		'Row {line}: personal code “{value}” repeats row {firstLine}. Row {firstLine} is imported, row {line} is not. If these are two different people, correct the code on row {line} and upload again.',

	'roster.warning.ignoredColumns': 'These columns are not used and will be ignored: {columns}.',
	'roster.warning.sharedEmail':
		'E-mail address “{contact}” is given for {count} people (rows {lines}): {names}. Everyone must receive their own link; if this is a shared mailbox or an assistant’s, replace it with each person’s own address.',
	'roster.warning.sharedPhone':
		'Phone number “{contact}” is given for {count} people (rows {lines}): {names}. Everyone must receive their own link; if this is an office or an assistant’s number, replace it with each person’s own number.',
	'roster.warning.sameName':
		'The name “{name}” appears {count} times in the same unit “{unit}” (rows {lines}). If it is the same person, delete the extra rows; if they are different people, you may ignore this warning.',
	'roster.warning.phoneNotMobile':
		'Row {line}: “{value}” is a landline and cannot receive text messages. Prefer a mobile number or add an e-mail address.',

	'unitImport.error.codeMissing': 'Row {line}: the unit code is missing. Enter the unit code.',
	'unitImport.error.codeFormat':
		'Row {line}: unit code “{value}” is not valid. Use only unaccented letters, digits, dots, underscores and hyphens, at most 32 characters.',
	'unitImport.error.nameMissing': 'Row {line}: the unit name is missing. Enter the unit name.',
	'unitImport.error.codeDuplicate':
		'Row {line}: unit code “{value}” is the same as on row {firstLine}. Each unit needs its own code; correct one of the two rows.',
	'unitImport.error.codeExists':
		'Row {line}: unit code “{value}” already exists in the system. Remove this row or use another code.',
	'unitImport.error.parentUnknown':
		'Row {line}: parent unit code “{parent}” of unit “{value}” is neither in the file nor in the system. Check the parent code.',
	'unitImport.error.parentSelf': 'Row {line}: unit “{value}” cannot be its own parent. Correct the parent unit code.',
	'unitImport.error.cycle':
		'Rows {lines} form a loop of parent units ({codes}). Correct the parent codes so that the tree has a root.',
	'unitImport.error.parentRejected':
		'Row {line}: parent unit “{parent}” of unit “{value}” has errors, so this unit cannot be imported yet. Fix the parent unit first.',
	'unitImport.warning.sameName':
		'The unit name “{name}” appears more than once under the same parent “{parent}” (rows {lines}). Check whether it is a duplicate.',

	'roster.template.sheet': 'Roster',
	'roster.template.helpSheet': 'Instructions',
	'roster.template.codesSheet': 'Valid codes',
	'roster.template.codes.unitCode': 'Unit code',
	'roster.template.codes.unitName': 'Unit name',
	'roster.template.codes.groupCode': 'Group code',
	'roster.template.codes.groupName': 'Group name',
	'roster.template.invalid.title': 'Invalid code',
	'roster.template.invalid.unit':
		'This unit code is not on the survey round’s “Valid codes” sheet. Choose a code from the list.',
	'roster.template.invalid.group':
		'This group code is not on the survey round’s “Valid codes” sheet. Choose a group code from the list.',
	'roster.template.help.title': 'How to fill in the list of respondents',
	'roster.template.help.rows':
		'Row 1 is the header: keep it. One person per row, starting on row 2. Row 2 is an example: delete it before uploading.',
	'roster.template.help.fullName': 'Full name: required, complete and with diacritics.',
	'roster.template.help.personalCode': 'Personal code: required, one code per person, never repeated.',
	'roster.template.help.unitCode':
		'Unit code: required, chosen from the list (the “Valid codes” sheet); units are identified by code, not by name.',
	'roster.template.help.group':
		'Group: required, the code of a respondent group of the survey round, chosen from the list (the “Valid codes” sheet).',
	'roster.template.help.position': 'Position: optional.',
	'roster.template.help.email': 'E-mail: the person’s own e-mail address.',
	'roster.template.help.phone':
		'Phone: the person’s own mobile number. At least an e-mail address or a phone number is needed.',
	'roster.template.help.personal':
		'Survey links are personal and must not be passed on to someone who answers on the person’s behalf: do not enter the e-mail or phone of an assistant, a clerk or a shared mailbox.',
	'roster.template.help.text':
		'The code and phone columns are formatted as Text so that Excel keeps leading zeros. Do not use formulas: cells with formulas are refused.'
};

export const rosterMessages = { vi, en };
