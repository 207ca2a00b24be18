// Texts for the framework, questionnaire and JSON-import modules (src/lib/domain/framework.ts,
// questionnaire.ts). Vietnamese first; each message says what is wrong and how to fix it.
// {path} is a JSON path such as $.fields[4].criteria[1].code.
const vi = {
	'jsonImport.invalidJson':
		'Tệp không phải là JSON hợp lệ. Hãy xuất lại tệp từ hệ thống hoặc kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.',
	'jsonImport.tooLarge': 'Tệp quá lớn (tối đa {max} ký tự). Hãy kiểm tra lại đúng tệp cần nhập.',
	'jsonImport.missing': 'Thiếu trường bắt buộc tại {path}. Hãy bổ sung trường này rồi nhập lại.',
	'jsonImport.unknownKey':
		'Trường không được hỗ trợ tại {path}. Hãy xóa trường này hoặc sửa lỗi chính tả trong tên trường rồi nhập lại.',
	'jsonImport.expectedText': 'Giá trị tại {path} phải là văn bản (đặt trong dấu nháy kép). Hãy sửa rồi nhập lại.',
	'jsonImport.expectedNumber':
		'Giá trị tại {path} phải là một số (dùng dấu chấm thập phân, ví dụ 1.5). Hãy sửa rồi nhập lại.',
	'jsonImport.expectedBoolean': 'Giá trị tại {path} phải là true hoặc false. Hãy sửa rồi nhập lại.',
	'jsonImport.expectedList':
		'Giá trị tại {path} phải là một danh sách (đặt trong dấu ngoặc vuông [ ]). Hãy sửa rồi nhập lại.',
	'jsonImport.expectedObject':
		'Giá trị tại {path} phải là một đối tượng (đặt trong dấu ngoặc nhọn { }). Hãy sửa rồi nhập lại.',
	'jsonImport.textTooLong': 'Văn bản tại {path} dài quá {max} ký tự. Hãy rút gọn rồi nhập lại.',
	'jsonImport.tooMany': 'Danh sách tại {path} có quá {max} phần tử. Hãy bớt phần tử rồi nhập lại.',
	'jsonImport.codeFormat':
		'Mã tại {path} không đúng dạng. Mã gồm chữ hoặc số, các cấp ngăn cách bằng dấu chấm, tối đa 3 cấp (ví dụ 5, 5.2, 5.2.1).',
	'jsonImport.idFormat':
		'Mã định danh tại {path} không đúng dạng. Chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (ví dụ q5.1 hoặc A).',
	'jsonImport.invalid': 'Giá trị tại {path} không hợp lệ. Hãy đối chiếu với tệp mẫu xuất từ hệ thống rồi nhập lại.',

	'framework.problem.nameEmpty': 'Bộ tiêu chí chưa có tên. Hãy đặt tên cho bộ tiêu chí.',
	'framework.problem.surveyPointsInvalid':
		'Tổng điểm khảo sát khai báo ({points}) không hợp lệ. Hãy nhập một số không âm, tối đa 2 chữ số thập phân (thường là 32).',
	'framework.problem.noFields': 'Bộ tiêu chí chưa có lĩnh vực nào. Hãy thêm ít nhất một lĩnh vực.',
	'framework.problem.noSurveySubCriteria':
		'Chưa có tiêu chí thành phần nào được chấm qua điều tra xã hội học. Hãy đánh dấu các tiêu chí thành phần được chấm qua khảo sát.',
	'framework.problem.codeFormat':
		'Mã “{code}” ({path}) không đúng dạng. Mã gồm chữ hoặc số, các cấp ngăn cách bằng dấu chấm (ví dụ 5, 5.2, 5.2.1).',
	'framework.problem.codeNotTopLevel':
		'Mã lĩnh vực “{code}” ({path}) không được chứa dấu chấm. Hãy dùng mã một cấp, ví dụ 5.',
	'framework.problem.codeNotUnderParent':
		'Mã “{code}” ({path}) phải bắt đầu bằng mã cấp trên “{parent}” và thêm đúng một cấp, ví dụ {parent}.1.',
	'framework.problem.codeDuplicate':
		'Mã “{code}” ({path}) bị trùng. Mỗi lĩnh vực, tiêu chí và tiêu chí thành phần phải có mã riêng.',
	'framework.problem.titleEmpty': 'Mục “{code}” ({path}) chưa có tên. Hãy nhập tên bằng tiếng Việt.',
	'framework.problem.pointsInvalid':
		'Điểm tối đa của mục “{code}” ({path}) không phải là số hợp lệ. Hãy nhập một số, ví dụ 1,5.',
	'framework.problem.pointsNegative':
		'Điểm tối đa của mục “{code}” ({path}) là {points}, không được âm. Hãy nhập số từ 0 trở lên.',
	'framework.problem.pointsTooPrecise':
		'Điểm tối đa của mục “{code}” ({path}) là {points}, có quá 2 chữ số thập phân. Hãy làm tròn đến 2 chữ số.',
	'framework.problem.sumMismatch':
		'Điểm tối đa của mục “{code}” ({path}) là {points}, nhưng tổng điểm các mục con là {sum}. Hãy sửa điểm để hai số bằng nhau.',
	'framework.problem.surveyTotalMismatch':
		'Tổng điểm các tiêu chí thành phần chấm qua khảo sát là {sum}, khác tổng điểm khảo sát khai báo là {surveyPoints}. Hãy điều chỉnh điểm cho khớp; chưa thể mở đợt khảo sát khi điểm chưa khớp.',
	'framework.edit.codeUnknown': 'Không tìm thấy mục có mã “{code}” trong bộ tiêu chí. Hãy tải lại trang rồi thử lại.',
	'framework.edit.pointsInvalid': 'Số điểm không hợp lệ. Hãy nhập một số, ví dụ 1,5.',

	'questionnaire.scale.Q': 'Mức độ (Rất tốt – Tốt – Chưa tốt – Kém – Không biết)',
	'questionnaire.scale.F': 'Tần suất (Không có – Hiếm khi – Thỉnh thoảng – Thường xuyên – Không biết)',
	'questionnaire.scale.S': 'Mức độ hài lòng (Rất hài lòng … Rất không hài lòng – Không biết)',
	'questionnaire.problem.titleEmpty': 'Phiếu chưa có tiêu đề. Hãy nhập tiêu đề phiếu.',
	'questionnaire.problem.attestationEmpty':
		'Phiếu chưa có lời cam kết tự trả lời. Hãy nhập lời cam kết để người trả lời xác nhận.',
	'questionnaire.problem.noSections': 'Phiếu chưa có phần nào. Hãy thêm ít nhất một phần có câu hỏi.',
	'questionnaire.problem.idFormat':
		'Mã định danh “{id}” ({path}) không đúng dạng. Chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.',
	'questionnaire.problem.sectionIdDuplicate':
		'Mã phần “{sectionId}” ({path}) bị trùng. Hãy đặt cho mỗi phần một mã riêng.',
	'questionnaire.problem.sectionTitleEmpty': 'Phần “{sectionId}” ({path}) chưa có tiêu đề. Hãy nhập tiêu đề phần.',
	'questionnaire.problem.sectionEmpty':
		'Phần “{sectionId}” ({path}) chưa có câu hỏi nào. Hãy thêm câu hỏi hoặc xóa phần này.',
	'questionnaire.problem.questionIdDuplicate':
		'Mã câu hỏi “{questionId}” ({path}) bị trùng. Mỗi câu hỏi trong phiếu phải có mã riêng.',
	'questionnaire.problem.questionTextEmpty':
		'Câu hỏi “{questionId}” ({path}) chưa có nội dung. Hãy nhập nội dung câu hỏi.',
	'questionnaire.problem.unitPlaceholderOutsideRepeat':
		'Câu hỏi “{questionId}” ({path}) có {unit} nhưng không nằm trong phần lặp lại theo đơn vị được đánh giá. Hãy chuyển câu hỏi vào phần đó hoặc bỏ {unit}.',
	'questionnaire.problem.subCriterionMissing':
		'Câu hỏi “{questionId}” ({path}) chưa gắn với tiêu chí thành phần nào. Hãy chọn tiêu chí thành phần mà câu hỏi dùng để chấm điểm.',
	'questionnaire.problem.subCriterionUnknown':
		'Câu hỏi “{questionId}” ({path}) gắn với mã “{code}”, không có trong bộ tiêu chí. Hãy chọn một tiêu chí thành phần có trong bộ tiêu chí.',
	'questionnaire.problem.subCriterionNotSurveyScored':
		'Câu hỏi “{questionId}” ({path}) gắn với “{code}”, nhưng tiêu chí thành phần này không chấm qua khảo sát. Hãy chọn tiêu chí thành phần khác hoặc đánh dấu “{code}” là chấm qua khảo sát.',
	'questionnaire.problem.subCriterionUncovered':
		'Tiêu chí thành phần {code} “{title}” chưa có câu hỏi nào nên không tính được điểm. Hãy thêm ít nhất một câu hỏi gắn với tiêu chí này; chưa thể mở đợt khảo sát khi còn thiếu.',
	'questionnaire.problem.tooFewOptions':
		'Câu hỏi “{questionId}” ({path}) cần ít nhất 2 phương án trả lời ngoài “Không biết”. Hãy chọn một thang đo có sẵn hoặc thêm phương án.',
	'questionnaire.problem.dontKnowMultiple':
		'Câu hỏi “{questionId}” ({path}) có nhiều hơn một phương án “Không biết”. Hãy giữ lại một phương án.',
	'questionnaire.problem.optionIdDuplicate':
		'Phương án “{optionId}” của câu hỏi “{questionId}” ({path}) bị trùng mã. Hãy đặt mã riêng cho mỗi phương án (A, B, C…).',
	'questionnaire.problem.optionLabelEmpty':
		'Phương án “{optionId}” của câu hỏi “{questionId}” ({path}) chưa có nội dung. Hãy nhập nội dung phương án.',
	'questionnaire.problem.dontKnowWeighted':
		'Phương án “Không biết” ({optionId}) của câu hỏi “{questionId}” ({path}) không được có trọng số vì không tính vào mẫu số. Hãy để trống trọng số.',
	'questionnaire.problem.weightMissing':
		'Phương án “{optionId}” của câu hỏi “{questionId}” ({path}) chưa có trọng số. Hãy nhập trọng số từ 0 đến 1 (ví dụ 0,6 cho 60 %), hoặc đánh dấu là “Không biết”.',
	'questionnaire.problem.weightOutOfRange':
		'Trọng số {weight} của phương án “{optionId}”, câu hỏi “{questionId}” ({path}) nằm ngoài khoảng 0–1. Hãy nhập dạng tỷ lệ, ví dụ 0,6 thay cho 60.',
	'questionnaire.edit.sectionUnknown': 'Không tìm thấy phần “{sectionId}” trong phiếu. Hãy tải lại trang rồi thử lại.',
	'questionnaire.edit.questionUnknown':
		'Không tìm thấy câu hỏi “{questionId}” trong phiếu. Hãy tải lại trang rồi thử lại.',
	'questionnaire.edit.optionUnknown':
		'Không tìm thấy phương án “{optionId}” của câu hỏi “{questionId}”. Hãy tải lại trang rồi thử lại.',
	'questionnaire.edit.idTaken': 'Mã “{id}” đã được dùng trong phiếu. Hãy chọn mã khác.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'jsonImport.invalidJson':
		'The file is not valid JSON. Export it again from the system, or check its brackets, commas and quotes.',
	'jsonImport.tooLarge': 'The file is too large (at most {max} characters). Check that this is the right file.',
	'jsonImport.missing': 'A required field is missing at {path}. Add it and import again.',
	'jsonImport.unknownKey': 'Unsupported field at {path}. Remove it or fix the spelling of its name, then import again.',
	'jsonImport.expectedText': 'The value at {path} must be text (in double quotes). Fix it and import again.',
	'jsonImport.expectedNumber':
		'The value at {path} must be a number (with a decimal point, e.g. 1.5). Fix it and import again.',
	'jsonImport.expectedBoolean': 'The value at {path} must be true or false. Fix it and import again.',
	'jsonImport.expectedList': 'The value at {path} must be a list (in square brackets [ ]). Fix it and import again.',
	'jsonImport.expectedObject': 'The value at {path} must be an object (in curly braces { }). Fix it and import again.',
	'jsonImport.textTooLong': 'The text at {path} is longer than {max} characters. Shorten it and import again.',
	'jsonImport.tooMany': 'The list at {path} has more than {max} items. Remove some and import again.',
	'jsonImport.codeFormat':
		'The code at {path} is malformed. A code is letters or digits, levels separated by dots, at most 3 levels (e.g. 5, 5.2, 5.2.1).',
	'jsonImport.idFormat':
		'The identifier at {path} is malformed. Use only unaccented letters, digits, dots, hyphens or underscores (e.g. q5.1 or A).',
	'jsonImport.invalid':
		'The value at {path} is not valid. Compare it with a file exported from the system and import again.',

	'framework.problem.nameEmpty': 'The framework has no name. Give it a name.',
	'framework.problem.surveyPointsInvalid':
		'The declared survey total ({points}) is not valid. Enter a non-negative number with at most 2 decimals (usually 32).',
	'framework.problem.noFields': 'The framework has no fields. Add at least one field.',
	'framework.problem.noSurveySubCriteria':
		'No sub-criterion is scored by the survey. Mark the sub-criteria the survey scores.',
	'framework.problem.codeFormat':
		'Code “{code}” ({path}) is malformed. A code is letters or digits, levels separated by dots (e.g. 5, 5.2, 5.2.1).',
	'framework.problem.codeNotTopLevel':
		'Field code “{code}” ({path}) must not contain a dot. Use a one-level code, e.g. 5.',
	'framework.problem.codeNotUnderParent':
		'Code “{code}” ({path}) must start with its parent’s code “{parent}” and add exactly one level, e.g. {parent}.1.',
	'framework.problem.codeDuplicate':
		'Code “{code}” ({path}) is used twice. Every field, criterion and sub-criterion needs its own code.',
	'framework.problem.titleEmpty': 'Item “{code}” ({path}) has no title. Enter a Vietnamese title.',
	'framework.problem.pointsInvalid':
		'The maximum points of “{code}” ({path}) are not a valid number. Enter a number, e.g. 1.5.',
	'framework.problem.pointsNegative':
		'The maximum points of “{code}” ({path}) are {points}; they cannot be negative. Enter 0 or more.',
	'framework.problem.pointsTooPrecise':
		'The maximum points of “{code}” ({path}) are {points}, with more than 2 decimals. Round to 2 decimals.',
	'framework.problem.sumMismatch':
		'The maximum points of “{code}” ({path}) are {points}, but its children add up to {sum}. Change the points so both are equal.',
	'framework.problem.surveyTotalMismatch':
		'The survey-scored sub-criteria add up to {sum}, not the declared survey total of {surveyPoints}. Adjust the points; a campaign cannot open until they match.',
	'framework.edit.codeUnknown': 'No item with code “{code}” in this framework. Reload the page and try again.',
	'framework.edit.pointsInvalid': 'The points are not a valid number. Enter a number, e.g. 1.5.',

	'questionnaire.scale.Q': 'Quality (Very good – Good – Not good – Poor – Don’t know)',
	'questionnaire.scale.F': 'Frequency (Never – Rarely – Sometimes – Often – Don’t know)',
	'questionnaire.scale.S': 'Satisfaction (Very satisfied … Very dissatisfied – Don’t know)',
	'questionnaire.problem.titleEmpty': 'The questionnaire has no title. Enter one.',
	'questionnaire.problem.attestationEmpty':
		'The questionnaire has no self-completion attestation. Enter the statement respondents confirm.',
	'questionnaire.problem.noSections': 'The questionnaire has no sections. Add at least one section with questions.',
	'questionnaire.problem.idFormat':
		'Identifier “{id}” ({path}) is malformed. Use only unaccented letters, digits, dots, hyphens or underscores.',
	'questionnaire.problem.sectionIdDuplicate':
		'Section id “{sectionId}” ({path}) is used twice. Give each section its own id.',
	'questionnaire.problem.sectionTitleEmpty': 'Section “{sectionId}” ({path}) has no title. Enter one.',
	'questionnaire.problem.sectionEmpty':
		'Section “{sectionId}” ({path}) has no questions. Add questions or remove the section.',
	'questionnaire.problem.questionIdDuplicate':
		'Question id “{questionId}” ({path}) is used twice. Every question needs its own id.',
	'questionnaire.problem.questionTextEmpty': 'Question “{questionId}” ({path}) has no text. Enter the question.',
	'questionnaire.problem.unitPlaceholderOutsideRepeat':
		'Question “{questionId}” ({path}) contains {unit} but is not in a section repeated per rated unit. Move it to such a section or remove {unit}.',
	'questionnaire.problem.subCriterionMissing':
		'Question “{questionId}” ({path}) is not linked to a sub-criterion. Choose the sub-criterion it scores.',
	'questionnaire.problem.subCriterionUnknown':
		'Question “{questionId}” ({path}) is linked to “{code}”, which is not in the framework. Choose a sub-criterion of the framework.',
	'questionnaire.problem.subCriterionNotSurveyScored':
		'Question “{questionId}” ({path}) is linked to “{code}”, which the survey does not score. Choose another sub-criterion or mark “{code}” as survey-scored.',
	'questionnaire.problem.subCriterionUncovered':
		'Sub-criterion {code} “{title}” has no question, so its points cannot be computed. Add at least one question for it; a campaign cannot open until then.',
	'questionnaire.problem.tooFewOptions':
		'Question “{questionId}” ({path}) needs at least 2 answer options besides “Don’t know”. Pick a preset scale or add options.',
	'questionnaire.problem.dontKnowMultiple':
		'Question “{questionId}” ({path}) has more than one “Don’t know” option. Keep only one.',
	'questionnaire.problem.optionIdDuplicate':
		'Option “{optionId}” of question “{questionId}” ({path}) reuses an id. Give each option its own id (A, B, C…).',
	'questionnaire.problem.optionLabelEmpty':
		'Option “{optionId}” of question “{questionId}” ({path}) has no text. Enter the option.',
	'questionnaire.problem.dontKnowWeighted':
		'The “Don’t know” option ({optionId}) of question “{questionId}” ({path}) must have no weight, as it is left out of the denominator. Clear the weight.',
	'questionnaire.problem.weightMissing':
		'Option “{optionId}” of question “{questionId}” ({path}) has no weight. Enter a weight from 0 to 1 (e.g. 0.6 for 60 %), or mark it as “Don’t know”.',
	'questionnaire.problem.weightOutOfRange':
		'Weight {weight} of option “{optionId}”, question “{questionId}” ({path}) is outside 0–1. Enter a fraction, e.g. 0.6 rather than 60.',
	'questionnaire.edit.sectionUnknown':
		'Section “{sectionId}” is not in the questionnaire. Reload the page and try again.',
	'questionnaire.edit.questionUnknown':
		'Question “{questionId}” is not in the questionnaire. Reload the page and try again.',
	'questionnaire.edit.optionUnknown':
		'Option “{optionId}” of question “{questionId}” does not exist. Reload the page and try again.',
	'questionnaire.edit.idTaken': 'Id “{id}” is already used in the questionnaire. Choose another.'
};

export const frameworkMessages = { vi, en };
