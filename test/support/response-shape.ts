/** The keys of a response object, sorted: what the view allow-lists are compared with. */
export const keys = (o: object): string[] => Object.keys(o).sort();

/** The fields an error body names, each once. */
export const fieldsNamed = (body: { details?: Array<{ field: string }> }): string[] => [
  ...new Set((body.details ?? []).map((d) => d.field)),
];
