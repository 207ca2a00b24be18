// Data: the default framework an organiser starts from.
import {
	cleanSum,
	deepFreeze,
	DEFAULT_SURVEY_POINTS,
	type Criterion,
	type Field,
	type Framework,
	type SubCriterion
} from './framework-model';

// The default: the 8 provincial fields of 876/QĐ-BNV with the survey part only (32 points), built
// from shared/data/questionnaire-reference.md. Parents are computed as sums so the tree adds up.

const sub = (code: string, title: string, titleEn: string, maxPoints: number): SubCriterion => ({
	code,
	title,
	titleEn,
	maxPoints,
	surveyScored: true
});
const criterion = (code: string, title: string, titleEn: string, subCriteria: SubCriterion[]): Criterion => ({
	code,
	title,
	titleEn,
	maxPoints: cleanSum(subCriteria.map((s) => s.maxPoints)),
	subCriteria
});
const field = (code: string, title: string, titleEn: string, criteria: Criterion[]): Field => ({
	code,
	title,
	titleEn,
	maxPoints: cleanSum(criteria.map((c) => c.maxPoints)),
	criteria
});

export const DEFAULT_FRAMEWORK: Framework = deepFreeze({
	name: 'Bộ tiêu chí Chỉ số cải cách hành chính cấp tỉnh – phần điều tra xã hội học (mặc định)',
	basis: 'Quyết định 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ',
	note:
		'Bộ tiêu chí này mô phỏng cấu trúc 8 lĩnh vực cấp tỉnh của Quyết định 876/QĐ-BNV và chỉ gồm phần ' +
		'điểm điều tra xã hội học (32 điểm). Các tiêu chí, tiêu chí thành phần và số điểm tối đa là giá trị ' +
		'minh họa, có thể chỉnh sửa, vì bảng tiêu chí chính thức chưa được công bố ở dạng dữ liệu máy đọc ' +
		'được. Trước khi mở đợt khảo sát, cần đối chiếu và điều chỉnh theo văn bản hướng dẫn hiện hành.',
	surveyPoints: DEFAULT_SURVEY_POINTS,
	fields: [
		field('1', 'Công tác chỉ đạo, điều hành CCHC', 'Direction and management of PAR', [
			criterion(
				'1.1',
				'Vai trò của người đứng đầu trong chỉ đạo cải cách hành chính',
				'Role of the head of the agency in directing PAR',
				[
					sub(
						'1.1.1',
						'Sự quyết liệt, năng động của người đứng đầu trong chỉ đạo cải cách hành chính',
						'Determination and dynamism of the head in directing PAR',
						1.5
					)
				]
			),
			criterion(
				'1.2',
				'Công tác thông tin, tuyên truyền về cải cách hành chính',
				'Information and communication about PAR',
				[
					sub(
						'1.2.1',
						'Hiệu quả tuyên truyền giúp cán bộ, công chức và người dân hiểu rõ mục tiêu, kết quả cải cách hành chính',
						'Communication helps officials and citizens understand the goals and results of PAR',
						1.5
					)
				]
			)
		]),
		field('2', 'Cải cách thể chế', 'Institutional reform', [
			criterion(
				'2.1',
				'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật',
				'Drafting and implementing legal documents',
				[
					sub(
						'2.1.1',
						'Văn bản quy phạm pháp luật do tỉnh ban hành phù hợp thực tiễn, khả thi, dễ thực hiện',
						'Provincial legal documents are practical, feasible and easy to apply',
						1.5
					)
				]
			),
			criterion(
				'2.2',
				'Kiểm tra, rà soát, xử lý văn bản quy phạm pháp luật',
				'Review and handling of legal documents',
				[
					sub(
						'2.2.1',
						'Phát hiện và xử lý kịp thời văn bản trái pháp luật, chồng chéo',
						'Unlawful or overlapping documents are found and handled promptly',
						1.5
					)
				]
			)
		]),
		field('3', 'Cải cách thủ tục hành chính', 'Administrative procedure reform', [
			criterion(
				'3.1',
				'Công khai, minh bạch thủ tục hành chính',
				'Publicity and transparency of administrative procedures',
				[
					sub(
						'3.1.1',
						'Thủ tục hành chính được công khai đầy đủ, rõ ràng, dễ tra cứu',
						'Procedures are published completely, clearly and are easy to look up',
						1.5
					)
				]
			),
			criterion(
				'3.2',
				'Giải quyết thủ tục hành chính và xử lý phản ánh, kiến nghị',
				'Handling procedures, feedback and petitions',
				[
					sub(
						'3.2.1',
						'Tình trạng yêu cầu người dân, doanh nghiệp bổ sung hồ sơ, giấy tờ ngoài quy định',
						'Requests for documents beyond what the rules require',
						1.5
					),
					sub(
						'3.2.2',
						'Phản ánh, kiến nghị về thủ tục hành chính được tiếp nhận và trả lời đúng hạn',
						'Feedback on procedures is received and answered on time',
						1
					)
				]
			)
		]),
		field('4', 'Cải cách tổ chức bộ máy hành chính nhà nước', 'Reform of the state administrative apparatus', [
			criterion('4.1', 'Sắp xếp tổ chức bộ máy các cơ quan hành chính', 'Organisation of administrative agencies', [
				sub(
					'4.1.1',
					'Chức năng, nhiệm vụ của các cơ quan rõ ràng, không chồng chéo',
					'Agencies have clear, non-overlapping functions and tasks',
					1.5
				)
			]),
			criterion('4.2', 'Phân cấp, phân quyền', 'Decentralisation and delegation', [
				sub(
					'4.2.1',
					'Phân cấp, phân quyền giữa tỉnh và cấp xã hợp lý, hiệu quả',
					'Decentralisation between the province and communes is sound and effective',
					1.5
				)
			])
		]),
		field('5', 'Cải cách chế độ công vụ', 'Civil-service reform', [
			criterion(
				'5.1',
				'Tuyển dụng, bổ nhiệm cán bộ, công chức, viên chức',
				'Recruitment and appointment of officials',
				[
					sub(
						'5.1.1',
						'Tuyển dụng công chức, viên chức công khai, minh bạch, đúng quy định',
						'Recruitment is public, transparent and lawful',
						1
					),
					sub(
						'5.1.2',
						'Bổ nhiệm, giới thiệu cán bộ ứng cử đúng quy trình và tiêu chuẩn chức danh',
						'Appointments and nominations follow the procedure and position standards',
						1
					)
				]
			),
			criterion('5.2', 'Chất lượng đội ngũ cán bộ, công chức, viên chức', 'Quality of the civil service', [
				sub(
					'5.2.1',
					'Trình độ chuyên môn của cán bộ, công chức, viên chức đáp ứng yêu cầu nhiệm vụ',
					'Professional competence meets the requirements of the job',
					1
				),
				sub(
					'5.2.2',
					'Tinh thần trách nhiệm và thái độ phục vụ người dân, doanh nghiệp của cán bộ, công chức',
					'Sense of responsibility and service attitude towards citizens and businesses',
					1
				)
			]),
			criterion(
				'5.3',
				'Kỷ luật, kỷ cương hành chính và đạo đức công vụ',
				'Administrative discipline and public-service ethics',
				[
					sub(
						'5.3.1',
						'Chấp hành kỷ luật, kỷ cương hành chính và đạo đức công vụ',
						'Observance of administrative discipline and public-service ethics',
						1
					),
					sub(
						'5.3.2',
						'Tình trạng chậm trễ, nhũng nhiễu, tiêu cực khi giải quyết công việc của người dân, doanh nghiệp',
						'Delays, harassment and misconduct when handling the affairs of citizens and businesses',
						1
					)
				]
			),
			criterion(
				'5.4',
				'Đánh giá, đào tạo, bồi dưỡng cán bộ, công chức, viên chức',
				'Evaluation and training of officials',
				[
					sub(
						'5.4.1',
						'Đánh giá, xếp loại cán bộ, công chức, viên chức thực chất, khách quan',
						'Evaluation and grading of officials are genuine and objective',
						1
					),
					sub(
						'5.4.2',
						'Đào tạo, bồi dưỡng gắn với quy hoạch, tiêu chuẩn chức danh và nâng cao năng lực thực thi công vụ',
						'Training is linked to succession planning and position standards and improves performance',
						1
					)
				]
			)
		]),
		field('6', 'Cải cách tài chính công', 'Public finance reform', [
			criterion('6.1', 'Quản lý, sử dụng tài chính, tài sản công', 'Management and use of public funds and assets', [
				sub(
					'6.1.1',
					'Kinh phí và tài sản công được quản lý, sử dụng tiết kiệm, hiệu quả, công khai',
					'Public funds and assets are used economically, effectively and openly',
					1.5
				)
			]),
			criterion('6.2', 'Cơ chế tự chủ của đơn vị sự nghiệp công lập', 'Autonomy of public service providers', [
				sub(
					'6.2.1',
					'Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập nâng cao chất lượng dịch vụ',
					'Financial autonomy of public service providers improves service quality',
					1.5
				)
			])
		]),
		field(
			'7',
			'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
			'Building and developing e-government and digital government',
			[
				criterion(
					'7.1',
					'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính',
					'Use of IT within administrative agencies',
					[
						sub(
							'7.1.1',
							'Hệ thống quản lý văn bản và điều hành điện tử giúp xử lý công việc nhanh hơn',
							'The electronic document and management system speeds up work',
							2
						)
					]
				),
				criterion('7.2', 'Cung cấp dịch vụ công trực tuyến', 'Online public services', [
					sub(
						'7.2.1',
						'Chất lượng dịch vụ công trực tuyến (dễ sử dụng, ổn định, giải quyết đúng hạn)',
						'Quality of online public services (easy to use, stable, handled on time)',
						2
					)
				])
			]
		),
		field(
			'8',
			'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội',
			'Impact of PAR on people, organisations and socio-economic development',
			[
				criterion(
					'8.1',
					'Tác động đến chất lượng phục vụ người dân, tổ chức',
					'Impact on the quality of service to people and organisations',
					[
						sub(
							'8.1.1',
							'Mức độ cải cách hành chính nâng cao chất lượng phục vụ người dân, doanh nghiệp',
							'How far PAR has improved service to citizens and businesses',
							2
						)
					]
				),
				criterion('8.2', 'Tác động đến phát triển kinh tế - xã hội', 'Impact on socio-economic development', [
					sub(
						'8.2.1',
						'Mức độ cải cách hành chính góp phần cải thiện môi trường đầu tư, phát triển kinh tế - xã hội của tỉnh',
						'How far PAR has improved the investment climate and socio-economic development of the province',
						2
					)
				])
			]
		)
	]
});
