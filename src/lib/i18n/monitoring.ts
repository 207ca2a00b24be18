// Texts of the campaign dashboard (response-rate monitoring) and of its XLSX export: Vietnamese
// first, English second, the same keys and {placeholders} in both. The export is always Vietnamese.
const vi = {
	'monitor.link': 'Theo dõi tỉ lệ trả lời',
	'monitor.title': 'Theo dõi tỉ lệ trả lời',
	'monitor.intro':
		'Chỉ có số liệu tham gia: ai đã được mời, đã mở liên kết, đã xác minh, đã gửi phiếu. Không có nội dung câu trả lời nào.',
	'monitor.scopeNote': 'Bạn chỉ thấy những người thuộc đơn vị của mình và các đơn vị trực thuộc.',
	'monitor.updatedAt': 'Cập nhật lúc {time}',
	'monitor.autoRefresh': 'Số liệu tự cập nhật khoảng 15 giây một lần khi trang đang mở.',
	'monitor.reloadHint': 'Tải lại trang để xem số liệu mới nhất.',
	'monitor.refreshFailed': 'Chưa cập nhật được số liệu; số liệu đang hiển thị có thể đã cũ.',
	'monitor.signedOut': 'Phiên đăng nhập đã kết thúc; hãy tải lại trang để đăng nhập lại.',
	'monitor.breadcrumb': 'Vị trí trong cây đơn vị',
	'monitor.allUnits': 'Toàn đợt khảo sát',

	'monitor.totals': 'Tổng quan',
	'monitor.count.people': 'Trong danh sách',
	'monitor.count.invited': 'Đã được mời',
	'monitor.count.opened': 'Đã mở liên kết',
	'monitor.count.verified': 'Đã xác minh',
	'monitor.count.submitted': 'Đã gửi phiếu',
	'monitor.count.rate': 'Tỉ lệ trả lời',
	'monitor.count.sheets': 'Phiếu đã ghi nhận (toàn đợt)',
	'monitor.definitions':
		'Đã được mời: có liên kết cá nhân còn hiệu lực hoặc đã gửi phiếu. Đã gửi phiếu: đã nhận chứng nhận để gửi phiếu. Tỉ lệ trả lời = số người đã gửi phiếu ÷ số người đã được mời.',
	'monitor.sheetsHint': 'Số phiếu đã ghi nhận là tổng của toàn đợt khảo sát, không gắn với người hay đơn vị nào.',

	'monitor.byUnit': 'Tỉ lệ trả lời theo đơn vị',
	'monitor.byUnitCaption': 'Tỉ lệ trả lời của các đơn vị thuộc {unit}',
	'monitor.byUnitHint':
		'Chọn tên một đơn vị để xem các đơn vị trực thuộc và danh sách người chưa gửi phiếu của đơn vị đó.',
	'monitor.noUnits': 'Không có đơn vị trực thuộc nào có người trong danh sách.',
	'monitor.direct': 'Trực thuộc trực tiếp {unit}',
	'monitor.col.unit': 'Đơn vị',
	'monitor.col.group': 'Nhóm đối tượng',
	'monitor.col.invited': 'Được mời',
	'monitor.col.submitted': 'Đã gửi',
	'monitor.col.rate': 'Tỉ lệ',
	'monitor.sort.by': 'Sắp xếp theo {column}',
	'monitor.sort.asc': 'tăng dần',
	'monitor.sort.desc': 'giảm dần',

	'monitor.byGroup': 'Tỉ lệ trả lời theo nhóm đối tượng',
	'monitor.byGroupCaption': 'Tỉ lệ trả lời theo nhóm đối tượng trong {unit}',

	'monitor.chart': 'Số người gửi phiếu theo ngày',
	'monitor.chart.cumulative': 'Đã gửi phiếu (cộng dồn)',
	'monitor.chart.close': 'Hạn chót',
	'monitor.chart.label':
		'Biểu đồ đường: số người đã gửi phiếu cộng dồn theo từng ngày, với một đường dọc đánh dấu hạn chót. Số liệu có trong bảng ngay bên dưới.',
	'monitor.chart.summary.ahead':
		'Đến ngày {date}, {count} người đã gửi phiếu ({rate} số người được mời), còn {days} ngày nữa đến hạn chót {close}.',
	'monitor.chart.summary.past':
		'Đến ngày {date}, {count} người đã gửi phiếu ({rate} số người được mời); hạn chót là ngày {close}.',
	'monitor.chart.summary.noClose': 'Đến ngày {date}, {count} người đã gửi phiếu ({rate} số người được mời).',
	'monitor.chart.empty': 'Chưa có ai gửi phiếu.',
	'monitor.chart.table': 'Xem số liệu dạng bảng',
	'monitor.chart.tableCaption': 'Số người gửi phiếu theo ngày (giờ Việt Nam)',
	'monitor.col.day': 'Ngày',
	'monitor.col.dayCount': 'Gửi trong ngày',
	'monitor.col.cumulative': 'Cộng dồn',

	'monitor.people': 'Người chưa gửi phiếu',
	'monitor.peopleIntro': '{count} người thuộc {unit} chưa gửi phiếu.',
	'monitor.peopleNone': 'Mọi người thuộc {unit} đã gửi phiếu.',
	'monitor.peopleCaption': 'Người chưa gửi phiếu thuộc {unit}, trang {page}/{pages}',
	'monitor.col.name': 'Họ và tên',
	'monitor.col.position': 'Chức vụ',
	'monitor.col.state': 'Tình trạng',
	'monitor.col.lastReminder': 'Nhắc lần cuối',
	'monitor.neverReminded': 'Chưa nhắc',
	'monitor.state.none': 'Chưa có liên kết',
	'monitor.state.issued': 'Chưa mở liên kết',
	'monitor.state.opened': 'Đã mở liên kết, chưa xác minh',
	'monitor.state.verified': 'Đã xác minh, chưa gửi phiếu',
	'monitor.export': 'Tải danh sách người chưa gửi phiếu (XLSX)',
	'monitor.exportHint':
		'Tệp Excel gồm mọi người chưa gửi phiếu thuộc {unit}, kèm thư điện tử và số điện thoại, để thư ký đơn vị nhắc trực tiếp.',
	'monitor.pages': 'Các trang của danh sách',
	'monitor.prev': 'Trang trước',
	'monitor.next': 'Trang sau',
	'monitor.pageOf': 'Trang {page}/{pages}',

	'monitor.export.sheet': 'Chưa gửi phiếu',
	'monitor.export.col.index': 'STT',
	'monitor.export.col.fullName': 'Họ và tên',
	'monitor.export.col.unitName': 'Đơn vị',
	'monitor.export.col.unitCode': 'Mã đơn vị',
	'monitor.export.col.position': 'Chức vụ',
	'monitor.export.col.group': 'Nhóm',
	'monitor.export.col.email': 'Thư điện tử',
	'monitor.export.col.phone': 'Số điện thoại',
	'monitor.export.col.state': 'Tình trạng',
	'monitor.export.col.lastReminder': 'Nhắc lần cuối',

	'monitor.error.unitUnknown': 'Không có đơn vị nào với mã này.',
	'monitor.error.signedOut': 'Phiên đăng nhập đã kết thúc.'
};

export type MonitoringMessageKey = keyof typeof vi;

const en: Record<MonitoringMessageKey, string> = {
	'monitor.link': 'Response-rate monitoring',
	'monitor.title': 'Response-rate monitoring',
	'monitor.intro':
		'Participation figures only: who was invited, opened their link, verified, submitted. No answer content at all.',
	'monitor.scopeNote': 'You see only the people of your own unit and the units below it.',
	'monitor.updatedAt': 'Updated at {time}',
	'monitor.autoRefresh': 'The figures refresh about every 15 seconds while this page is open.',
	'monitor.reloadHint': 'Reload the page to see the latest figures.',
	'monitor.refreshFailed': 'The figures could not be refreshed; those shown may be out of date.',
	'monitor.signedOut': 'Your session has ended; reload the page to sign in again.',
	'monitor.breadcrumb': 'Position in the unit tree',
	'monitor.allUnits': 'Whole campaign',

	'monitor.totals': 'Overview',
	'monitor.count.people': 'On the roster',
	'monitor.count.invited': 'Invited',
	'monitor.count.opened': 'Opened their link',
	'monitor.count.verified': 'Verified',
	'monitor.count.submitted': 'Submitted',
	'monitor.count.rate': 'Response rate',
	'monitor.count.sheets': 'Answer sheets counted (whole campaign)',
	'monitor.definitions':
		'Invited: holds a live personal link or has submitted. Submitted: received the credential to submit. Response rate = people who submitted ÷ people invited.',
	'monitor.sheetsHint': 'Answer sheets counted is the total for the whole campaign, tied to no person or unit.',

	'monitor.byUnit': 'Response rate by unit',
	'monitor.byUnitCaption': 'Response rate of the units under {unit}',
	'monitor.byUnitHint': 'Choose a unit’s name to see the units below it and its list of people who have not submitted.',
	'monitor.noUnits': 'No unit below this one has people on the roster.',
	'monitor.direct': 'Directly under {unit}',
	'monitor.col.unit': 'Unit',
	'monitor.col.group': 'Respondent group',
	'monitor.col.invited': 'Invited',
	'monitor.col.submitted': 'Submitted',
	'monitor.col.rate': 'Rate',
	'monitor.sort.by': 'Sort by {column}',
	'monitor.sort.asc': 'ascending',
	'monitor.sort.desc': 'descending',

	'monitor.byGroup': 'Response rate by respondent group',
	'monitor.byGroupCaption': 'Response rate by respondent group in {unit}',

	'monitor.chart': 'Submissions per day',
	'monitor.chart.cumulative': 'Submitted (cumulative)',
	'monitor.chart.close': 'Closing date',
	'monitor.chart.label':
		'Line chart: cumulative number of people who submitted, day by day, with a vertical line at the closing date. The figures are in the table just below.',
	'monitor.chart.summary.ahead':
		'By {date}, {count} people had submitted ({rate} of those invited), with {days} days left until the closing date {close}.',
	'monitor.chart.summary.past':
		'By {date}, {count} people had submitted ({rate} of those invited); the closing date was {close}.',
	'monitor.chart.summary.noClose': 'By {date}, {count} people had submitted ({rate} of those invited).',
	'monitor.chart.empty': 'Nobody has submitted yet.',
	'monitor.chart.table': 'Show the figures as a table',
	'monitor.chart.tableCaption': 'Submissions per day (Vietnam time)',
	'monitor.col.day': 'Day',
	'monitor.col.dayCount': 'That day',
	'monitor.col.cumulative': 'Cumulative',

	'monitor.people': 'People who have not submitted',
	'monitor.peopleIntro': '{count} people in {unit} have not submitted.',
	'monitor.peopleNone': 'Everyone in {unit} has submitted.',
	'monitor.peopleCaption': 'People in {unit} who have not submitted, page {page} of {pages}',
	'monitor.col.name': 'Full name',
	'monitor.col.position': 'Position',
	'monitor.col.state': 'Status',
	'monitor.col.lastReminder': 'Last reminder',
	'monitor.neverReminded': 'Not reminded',
	'monitor.state.none': 'No link yet',
	'monitor.state.issued': 'Link not opened',
	'monitor.state.opened': 'Link opened, not verified',
	'monitor.state.verified': 'Verified, not submitted',
	'monitor.export': 'Download the list of people who have not submitted (XLSX)',
	'monitor.exportHint':
		'An Excel file of everyone in {unit} who has not submitted, with their e-mail and phone, for the unit secretary to remind in person.',
	'monitor.pages': 'Pages of the list',
	'monitor.prev': 'Previous page',
	'monitor.next': 'Next page',
	'monitor.pageOf': 'Page {page} of {pages}',

	'monitor.export.sheet': 'Not submitted',
	'monitor.export.col.index': 'No.',
	'monitor.export.col.fullName': 'Full name',
	'monitor.export.col.unitName': 'Unit',
	'monitor.export.col.unitCode': 'Unit code',
	'monitor.export.col.position': 'Position',
	'monitor.export.col.group': 'Group',
	'monitor.export.col.email': 'E-mail',
	'monitor.export.col.phone': 'Phone',
	'monitor.export.col.state': 'Status',
	'monitor.export.col.lastReminder': 'Last reminder',

	'monitor.error.unitUnknown': 'There is no unit with this code.',
	'monitor.error.signedOut': 'Your session has ended.'
};

export const monitoringMessages = { vi, en };
