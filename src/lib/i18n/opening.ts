// Texts of the opening pages (sealed answers, issue 11). Vietnamese first, English second, same keys.
const vi = {} as const;

const en: Record<keyof typeof vi, string> = {};

export const openingMessages = { vi, en };
