// The points editor's changes to a framework, each returning a new document.
import { cleanSum, EditError, findNode, type Framework, type FrameworkNode } from './framework-model';

// Pure editing helpers for the points editor

/**
 * Sets one node's max points and recomputes the ancestors as the sums of their children, so the
 * tree stays consistent; whether the survey total still matches is for checkFramework to say.
 */
export function setMaxPoints(f: Framework, code: string, points: number): Framework {
	if (!Number.isFinite(points)) throw new EditError('framework.edit.pointsInvalid');
	if (!findNode(f, code)) throw new EditError('framework.edit.codeUnknown', { code });
	const withSum = <T extends FrameworkNode>(parent: T, children: FrameworkNode[]): T =>
		children.length ? { ...parent, maxPoints: cleanSum(children.map((c) => c.maxPoints)) } : parent;
	return {
		...f,
		fields: f.fields.map((field) => {
			if (field.code === code) return { ...field, maxPoints: points };
			let touched = false;
			const criteria = field.criteria.map((criterion) => {
				if (criterion.code === code) {
					touched = true;
					return { ...criterion, maxPoints: points };
				}
				if (!criterion.subCriteria.some((s) => s.code === code)) return criterion;
				touched = true;
				const subCriteria = criterion.subCriteria.map((s) => (s.code === code ? { ...s, maxPoints: points } : s));
				return withSum({ ...criterion, subCriteria }, subCriteria);
			});
			return touched ? withSum({ ...field, criteria }, criteria) : field;
		})
	};
}

export function setSurveyPoints(f: Framework, points: number): Framework {
	if (!Number.isFinite(points)) throw new EditError('framework.edit.pointsInvalid');
	return { ...f, surveyPoints: points };
}

export function setSurveyScored(f: Framework, code: string, surveyScored: boolean): Framework {
	const node = findNode(f, code);
	if (!node || !('surveyScored' in node)) throw new EditError('framework.edit.codeUnknown', { code });
	return {
		...f,
		fields: f.fields.map((field) => ({
			...field,
			criteria: field.criteria.map((criterion) => ({
				...criterion,
				subCriteria: criterion.subCriteria.map((s) => (s.code === code ? { ...s, surveyScored } : s))
			}))
		}))
	};
}
