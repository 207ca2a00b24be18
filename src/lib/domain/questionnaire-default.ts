// Data: the default questionnaire an organiser starts from.
import { deepFreeze } from './framework-model';
import { scaleOptions, type Question, type Questionnaire, type ScalePreset, type Section } from './questionnaire-model';

// The default questionnaire (questionnaire-reference.md), bound to DEFAULT_FRAMEWORK.

const ask = (id: string, subCriterion: string, preset: ScalePreset, text: string): Question => ({
	id,
	text,
	subCriterion,
	required: true,
	allowComment: false,
	options: scaleOptions(preset)
});
const section = (id: string, title: string, questions: Question[], description?: string): Section => ({
	id,
	title,
	...(description ? { description } : {}),
	repeatPerRatedUnit: false,
	questions
});

export const ATTESTATION_TEXT =
	'Tôi xác nhận tự mình nghiên cứu kỹ lưỡng, thận trọng và đánh giá có trách nhiệm, công tâm, khách quan, sát đúng với thực tế; không giao phiếu cho người khác trả lời thay.';

export const DEFAULT_QUESTIONNAIRE: Questionnaire = deepFreeze({
	title: 'Phiếu điều tra xã hội học đánh giá kết quả cải cách hành chính',
	intro:
		'Để đánh giá khách quan kết quả cải cách hành chính, xin Ông/Bà vui lòng trả lời các câu hỏi dưới đây. ' +
		'Ông/Bà cần tự mình nghiên cứu và trả lời phiếu, không giao cho người khác trả lời thay. ' +
		'Câu trả lời được giữ ẩn danh và chỉ dùng để tổng hợp số liệu chung. ' +
		'Với mỗi câu hỏi, xin chọn một phương án phù hợp nhất; chọn “Không biết” nếu Ông/Bà không có đủ thông tin để đánh giá.',
	attestation: ATTESTATION_TEXT,
	sections: [
		section('linh-vuc-1', 'Công tác chỉ đạo, điều hành cải cách hành chính', [
			ask(
				'q1.1.1',
				'1.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về sự quyết liệt, năng động của người đứng đầu trong chỉ đạo cải cách hành chính?'
			),
			ask(
				'q1.2.1',
				'1.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về hiệu quả của công tác tuyên truyền về cải cách hành chính trong việc giúp cán bộ, công chức và người dân hiểu rõ mục tiêu, kết quả cải cách?'
			)
		]),
		section('linh-vuc-2', 'Cải cách thể chế', [
			ask(
				'q2.1.1',
				'2.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về mức độ phù hợp thực tiễn, khả thi, dễ thực hiện của các văn bản quy phạm pháp luật do tỉnh ban hành?'
			),
			ask(
				'q2.2.1',
				'2.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính kịp thời của việc phát hiện và xử lý văn bản trái pháp luật, chồng chéo?'
			)
		]),
		section('linh-vuc-3', 'Cải cách thủ tục hành chính', [
			ask(
				'q3.1.1',
				'3.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc công khai thủ tục hành chính (đầy đủ, rõ ràng, dễ tra cứu)?'
			),
			ask(
				'q3.2.1',
				'3.2.1',
				'F',
				'Theo Ông/Bà, tình trạng yêu cầu người dân, doanh nghiệp bổ sung hồ sơ, giấy tờ ngoài quy định diễn ra ở mức độ nào?'
			),
			ask(
				'q3.2.2',
				'3.2.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc tiếp nhận và trả lời đúng hạn các phản ánh, kiến nghị về thủ tục hành chính?'
			)
		]),
		section('linh-vuc-4', 'Cải cách tổ chức bộ máy hành chính nhà nước', [
			ask(
				'q4.1.1',
				'4.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về mức độ rõ ràng, không chồng chéo của chức năng, nhiệm vụ giữa các cơ quan hành chính?'
			),
			ask(
				'q4.2.1',
				'4.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính hợp lý, hiệu quả của việc phân cấp, phân quyền giữa tỉnh và cấp xã?'
			)
		]),
		section('linh-vuc-5', 'Cải cách chế độ công vụ', [
			ask(
				'q5.1.1',
				'5.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính công khai, minh bạch, đúng quy định của việc tuyển dụng công chức, viên chức?'
			),
			ask(
				'q5.1.2',
				'5.1.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc bổ nhiệm, giới thiệu cán bộ ứng cử theo đúng quy trình và tiêu chuẩn chức danh?'
			),
			ask(
				'q5.2.1',
				'5.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về trình độ chuyên môn của cán bộ, công chức, viên chức so với yêu cầu nhiệm vụ?'
			),
			ask(
				'q5.2.2',
				'5.2.2',
				'Q',
				'Ông/Bà đánh giá thế nào về tinh thần trách nhiệm và thái độ phục vụ người dân, doanh nghiệp của cán bộ, công chức?'
			),
			ask(
				'q5.3.1',
				'5.3.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc chấp hành kỷ luật, kỷ cương hành chính và đạo đức công vụ của cán bộ, công chức, viên chức?'
			),
			ask(
				'q5.3.2',
				'5.3.2',
				'F',
				'Theo Ông/Bà, tình trạng chậm trễ, nhũng nhiễu, tiêu cực khi giải quyết công việc của người dân, doanh nghiệp diễn ra ở mức độ nào?'
			),
			ask(
				'q5.4.1',
				'5.4.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tính thực chất, khách quan của việc đánh giá, xếp loại cán bộ, công chức, viên chức?'
			),
			ask(
				'q5.4.2',
				'5.4.2',
				'Q',
				'Ông/Bà đánh giá thế nào về việc đào tạo, bồi dưỡng gắn với quy hoạch và tiêu chuẩn chức danh, giúp nâng cao năng lực thực thi công vụ?'
			)
		]),
		section('linh-vuc-6', 'Cải cách tài chính công', [
			ask(
				'q6.1.1',
				'6.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về việc quản lý, sử dụng kinh phí và tài sản công (tiết kiệm, hiệu quả, công khai)?'
			),
			ask(
				'q6.2.1',
				'6.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tác dụng của cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập đối với việc nâng cao chất lượng dịch vụ?'
			)
		]),
		section('linh-vuc-7', 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', [
			ask(
				'q7.1.1',
				'7.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về hiệu quả của hệ thống quản lý văn bản và điều hành điện tử trong việc giúp xử lý công việc nhanh hơn?'
			),
			ask(
				'q7.2.1',
				'7.2.1',
				'S',
				'Ông/Bà hài lòng ở mức độ nào với chất lượng dịch vụ công trực tuyến (dễ sử dụng, hoạt động ổn định, giải quyết đúng hạn)?'
			)
		]),
		section('linh-vuc-8', 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội', [
			ask(
				'q8.1.1',
				'8.1.1',
				'Q',
				'Ông/Bà đánh giá thế nào về tác động của cải cách hành chính đối với việc nâng cao chất lượng phục vụ người dân, doanh nghiệp?'
			),
			ask(
				'q8.2.1',
				'8.2.1',
				'Q',
				'Ông/Bà đánh giá thế nào về đóng góp của cải cách hành chính vào việc cải thiện môi trường đầu tư, phát triển kinh tế - xã hội của tỉnh?'
			)
		]),
		{
			...section(
				'don-vi-duoc-danh-gia',
				'Đánh giá cơ quan, đơn vị được phân công',
				[
					ask(
						'u5.2.2',
						'5.2.2',
						'Q',
						'Ông/Bà đánh giá thế nào về thái độ, tinh thần trách nhiệm của cán bộ, công chức {unit} khi giải quyết công việc với cơ quan, địa phương của Ông/Bà?'
					),
					ask(
						'u5.2.1',
						'5.2.1',
						'Q',
						'Ông/Bà đánh giá thế nào về năng lực chuyên môn của cán bộ, công chức {unit} trong hướng dẫn, giải quyết công việc?'
					),
					ask(
						'u5.3.1',
						'5.3.1',
						'Q',
						'Ông/Bà đánh giá thế nào về việc chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức {unit} (đúng hẹn, đúng quy trình, trả lời văn bản kịp thời)?'
					),
					ask(
						'u5.3.2',
						'5.3.2',
						'F',
						'Theo Ông/Bà, tình trạng chậm trễ, nhũng nhiễu, tiêu cực của cán bộ, công chức {unit} khi giải quyết công việc diễn ra ở mức độ nào?'
					)
				],
				'Phần này được lặp lại cho từng cơ quan, đơn vị mà Ông/Bà được phân công đánh giá (ví dụ: lãnh đạo UBND cấp xã đánh giá các sở, ban, ngành của tỉnh). Nếu Ông/Bà không được phân công đánh giá đơn vị nào, phần này được bỏ qua.'
			),
			repeatPerRatedUnit: true
		}
	]
});
