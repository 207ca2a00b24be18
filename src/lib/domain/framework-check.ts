// Whether a framework adds up and can be used in a campaign.
import {
	CODE_PATTERN,
	cleanSum,
	hasAtMostTwoDecimals,
	listSurveySubCriteria,
	POINTS_TOLERANCE,
	surveyPointsTotal,
	type Framework,
	type FrameworkNode,
	type Problem,
	type ProblemParams
} from './framework-model';
import type { MessageKey } from './message';

// Consistency check: a campaign can open only with a framework that has no problems.

const round9 = (n: number) => Number(n.toFixed(9));

export function checkFramework(f: Framework): Problem[] {
	const problems: Problem[] = [];
	const add = (key: MessageKey, params: ProblemParams = {}) => problems.push({ key, params });
	const seen = new Set<string>();

	if (!f.name.trim()) add('framework.problem.nameEmpty', { path: '$.name' });
	if (!Number.isFinite(f.surveyPoints) || f.surveyPoints < 0 || !hasAtMostTwoDecimals(f.surveyPoints))
		add('framework.problem.surveyPointsInvalid', { path: '$.surveyPoints', points: String(f.surveyPoints) });
	if (f.fields.length === 0) add('framework.problem.noFields', { path: '$.fields' });

	const checkNode = (n: FrameworkNode, parent: string | null, path: string, children?: FrameworkNode[]) => {
		const at = { code: n.code, path };
		if (!CODE_PATTERN.test(n.code)) add('framework.problem.codeFormat', at);
		else if (parent === null && n.code.includes('.')) add('framework.problem.codeNotTopLevel', at);
		else if (parent !== null && !isChildCode(n.code, parent))
			add('framework.problem.codeNotUnderParent', { ...at, parent });
		if (seen.has(n.code)) add('framework.problem.codeDuplicate', at);
		seen.add(n.code);
		if (!n.title.trim()) add('framework.problem.titleEmpty', at);
		if (!Number.isFinite(n.maxPoints)) add('framework.problem.pointsInvalid', at);
		else if (n.maxPoints < 0) add('framework.problem.pointsNegative', { ...at, points: n.maxPoints });
		else if (!hasAtMostTwoDecimals(n.maxPoints))
			add('framework.problem.pointsTooPrecise', { ...at, points: n.maxPoints });
		if (children && children.length > 0) {
			const sum = cleanSum(children.map((c) => c.maxPoints));
			if (Number.isFinite(n.maxPoints) && Math.abs(sum - n.maxPoints) > POINTS_TOLERANCE)
				add('framework.problem.sumMismatch', { ...at, points: n.maxPoints, sum: round9(sum) });
		}
	};

	f.fields.forEach((field, i) => {
		const fieldPath = `$.fields[${i}]`;
		checkNode(field, null, fieldPath, field.criteria);
		field.criteria.forEach((criterion, j) => {
			const criterionPath = `${fieldPath}.criteria[${j}]`;
			checkNode(criterion, field.code, criterionPath, criterion.subCriteria);
			criterion.subCriteria.forEach((sub, k) => checkNode(sub, criterion.code, `${criterionPath}.subCriteria[${k}]`));
		});
	});

	const surveySubs = listSurveySubCriteria(f);
	if (f.fields.length > 0 && surveySubs.length === 0) add('framework.problem.noSurveySubCriteria', {});
	const total = surveyPointsTotal(f);
	if (Number.isFinite(f.surveyPoints) && Math.abs(total - f.surveyPoints) > POINTS_TOLERANCE)
		add('framework.problem.surveyTotalMismatch', { surveyPoints: f.surveyPoints, sum: round9(total) });
	return problems;
}

function isChildCode(child: string, parent: string): boolean {
	return child.startsWith(`${parent}.`) && !child.slice(parent.length + 1).includes('.');
}
