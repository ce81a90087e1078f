import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const REPO = path.resolve(import.meta.dirname, "../..");
/** The one file allowed to build multi-row statements (it chunks them). */
export const HELPER = path.join(REPO, "packages/domain/src/db/bound-parameters.ts");

export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Source files of the domain package and the workers (tests left out). */
export function productionFiles(): string[] {
  const roots = [
    path.join(REPO, "packages/domain/src"),
    ...readdirSync(path.join(REPO, "workers")).map((w) => path.join(REPO, "workers", w, "src")),
  ];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
    });
  return roots.flatMap(walk);
}

/** A program over `files` with the workers' compiler options; `extra` adds in-memory files. */
export function createProgram(files: string[], extra: Record<string, string> = {}): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(REPO, "workers/core-api/tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("cannot read workers/core-api/tsconfig.json");
  const host = ts.createCompilerHost(config.options);
  const base = { getSourceFile: host.getSourceFile, fileExists: host.fileExists };
  host.fileExists = (name) => name in extra || base.fileExists(name);
  host.getSourceFile = (name, version, ...rest) =>
    name in extra
      ? ts.createSourceFile(name, extra[name] as string, version)
      : base.getSourceFile(name, version, ...rest);
  return ts.createProgram({
    rootNames: [...files, ...Object.keys(extra)],
    options: config.options,
    host,
  });
}

function isArrayLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (checker.isArrayType(type) || checker.isTupleType(type)) return true;
  return type.isUnion() && type.types.some((t) => isArrayLike(checker, t));
}

/** A literal list of fixed length (`["active", "failing"]`): its size does not grow. */
function isFixedList(node: ts.Expression): boolean {
  return ts.isArrayLiteralExpression(node) && !node.elements.some(ts.isSpreadElement);
}

function receiverIsInsert(checker: ts.TypeChecker, callee: ts.PropertyAccessExpression): boolean {
  const name = checker.getTypeAtLocation(callee.expression).getSymbol()?.getName() ?? "";
  return /InsertBuilder$/.test(name);
}

/**
 * Statements whose bound parameters grow with the data: a multi-row `.values([...])`, an
 * `inArray` over a computed list, conditions spread into `or`/`and`, an array interpolated
 * into `sql`, spread bindings.
 */
export function findUnboundedStatements(program: ts.Program, files: string[]): Finding[] {
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  for (const file of files) {
    if (file === HELPER) continue;
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not in the program: ${file}`);
    const report = (node: ts.Node, rule: string) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const text = node.getText().split("\n")[0] ?? "";
      findings.push({ file: path.relative(REPO, file), line: line + 1, rule, text });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const [first, second] = node.arguments;
        if (
          ts.isPropertyAccessExpression(callee) &&
          callee.name.text === "values" &&
          first &&
          receiverIsInsert(checker, callee) &&
          isArrayLike(checker, checker.getTypeAtLocation(first))
        ) {
          report(node, "multi-row insert: use insertRows() in the change's batch");
        }
        if (
          ts.isIdentifier(callee) &&
          (callee.text === "inArray" || callee.text === "notInArray") &&
          second &&
          !isFixedList(second)
        ) {
          report(node, "IN list from data: use inList()");
        }
        if (
          ts.isIdentifier(callee) &&
          (callee.text === "or" || callee.text === "and") &&
          node.arguments.some(ts.isSpreadElement)
        ) {
          report(node, "spread conditions: one per element grows with the data; use inList()");
        }
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        if ((name === "bind" || name === "exec") && node.arguments.some(ts.isSpreadElement)) {
          report(node, "spread bindings: their number grows with the data");
        }
      }
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "sql") {
        const spans = ts.isTemplateExpression(node.template) ? node.template.templateSpans : [];
        for (const span of spans) {
          if (isArrayLike(checker, checker.getTypeAtLocation(span.expression))) {
            report(span.expression, "array in sql``: it binds one parameter per element");
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}
