import type { Change, Plan } from "./plan.ts";

const SIGN = { create: "+", update: "~", delete: "-" } as const;

const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));

export function summarize(plan: Plan) {
  const count = (action: Change["action"]) =>
    plan.changes.filter((c) => c.action === action).length;
  return { create: count("create"), update: count("update"), delete: count("delete") };
}

/** The plan as people read it: one block per resource, one line per field. */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const change of plan.changes) {
    const id = change.id ? ` ${change.id}` : "";
    const adopted = change.adopt ? ", adopted by name" : "";
    lines.push(`${SIGN[change.action]} ${change.address} (${change.kind}${id}${adopted})`);
    for (const diff of change.diffs) {
      lines.push(
        change.action === "create"
          ? `    ${diff.path}: ${show(diff.after)}`
          : `    ${diff.path}: ${show(diff.before)} -> ${show(diff.after)}`,
      );
    }
  }
  for (const error of plan.errors) lines.push(`! ${error}`);
  const { create, update, delete: remove } = summarize(plan);
  lines.push(
    plan.changes.length === 0
      ? "No changes: the account matches the file."
      : `Plan: ${create} to create, ${update} to update, ${remove} to delete.`,
  );
  return lines.join("\n");
}

/** The plan for `--json`: the changes with their bodies left out (they may carry secrets). */
export function planToJson(plan: Plan) {
  return {
    summary: summarize(plan),
    changes: plan.changes.map(({ body: _body, ...change }) => change),
    errors: plan.errors,
  };
}
