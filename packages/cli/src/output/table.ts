type Row = Record<string, unknown>;

const cell = (value: unknown) =>
  value === null || value === undefined
    ? ""
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** A plain text table of the chosen columns (those no row has are dropped). */
export function renderTable(rows: Row[], columns: readonly string[]): string {
  if (rows.length === 0) return "(none)";
  const shown = columns.filter((column) => rows.some((row) => row[column] !== undefined));
  const cells = rows.map((row) => shown.map((column) => cell(row[column])));
  const widths = shown.map((column, i) =>
    Math.max(column.length, ...cells.map((line) => (line[i] as string).length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(shown.map((c) => c.toUpperCase())), ...cells.map(line)].join("\n");
}
