/** The TypeScript for the document's component schemas (see gen-api.mjs). */
export function generate(document: unknown): string
