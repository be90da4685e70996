/**
 * What the code uses, read from its syntax tree: the collections the cloud functions read and write, the
 * subscribe-message templates they send (with the data fields each send fills), and the template keys
 * the mini-program asks the user to subscribe to. Names behind `const NAME = 'value'` are resolved.
 */
import ts from 'typescript';

export interface SourceFile {
  /** Repository-relative path, used in messages. */
  path: string;
  text: string;
}

export interface SourceSite {
  file: string;
  line: number;
}

export interface CollectionUse extends SourceSite {
  collection: string;
}

export interface TemplateUse extends SourceSite {
  key: string;
  /** The fields the code sends (subject, status, ...), each carried by the keyword subscribeTemplates.<key>.fields gives it. */
  fields: string[];
}

export interface FunctionSourceUsage {
  collections: CollectionUse[];
  templates: TemplateUse[];
}

/** Calls that take a collection name, and at which argument. */
const COLLECTION_ARGUMENT: Record<string, number> = { collection: 0, byId: 0, txGet: 1 };
const TEMPLATE_KEY = /^[a-z][A-Za-z0-9]*$/;

function parse(file: SourceFile): ts.SourceFile {
  return ts.createSourceFile(
    file.path,
    file.text,
    ts.ScriptTarget.Latest,
    true,
    file.path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function stringValue(node: ts.Node): string | null {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
}

/** `const NAME = 'value'` declarations of each file. */
function stringConstants(tree: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  walk(tree, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const declarationList = node.parent;
      const value = stringValue(node.initializer);
      if (
        value !== null &&
        ts.isVariableDeclarationList(declarationList) &&
        declarationList.flags & ts.NodeFlags.Const
      ) {
        constants.set(node.name.text, value);
      }
    }
  });
  return constants;
}

/**
 * The string literals a parameter may be, when `node` names a parameter of the enclosing function typed
 * as a union of them (`template: 'requestAccepted' | 'requestResolved'`): a helper that sends one of several templates.
 */
function parameterLiterals(node: ts.Node): string[] {
  if (!ts.isIdentifier(node)) return [];
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope)) continue;
    const parameter = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === node.text);
    if (!parameter?.type) continue;
    const types = ts.isUnionTypeNode(parameter.type) ? parameter.type.types : [parameter.type];
    return types.flatMap((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : []));
  }
  return [];
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

function lineOf(tree: ts.SourceFile, node: ts.Node): number {
  return tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
}

function parsedWithConstants(
  files: SourceFile[],
): { file: SourceFile; tree: ts.SourceFile; resolve: (node: ts.Node) => string | null }[] {
  const trees = files.map((file) => ({ file, tree: parse(file) }));
  const local = trees.map(({ tree }) => stringConstants(tree));
  const global = new Map<string, string>();
  for (const constants of local) for (const [name, value] of constants) if (!global.has(name)) global.set(name, value);
  return trees.map(({ file, tree }, i) => ({
    file,
    tree,
    resolve: (node: ts.Node) =>
      stringValue(node) ?? (ts.isIdentifier(node) ? (local[i].get(node.text) ?? global.get(node.text) ?? null) : null),
  }));
}

/** Collections and templates used by the cloud functions' sources (cloudfunctions/**). */
export function scanFunctionSources(files: SourceFile[]): FunctionSourceUsage {
  const collections: CollectionUse[] = [];
  const templates: TemplateUse[] = [];
  for (const { file, tree, resolve } of parsedWithConstants(files)) {
    walk(tree, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node);
      if (name === null) return;
      const position = COLLECTION_ARGUMENT[name];
      if (position !== undefined && node.arguments[position]) {
        const collection = resolve(node.arguments[position]);
        if (collection !== null) collections.push({ collection, file: file.path, line: lineOf(tree, node) });
      }
      if (name === 'notify' && node.arguments.length >= 4) {
        const key = resolve(node.arguments[1]);
        const data = node.arguments[3];
        const fields = ts.isObjectLiteralExpression(data)
          ? data.properties.flatMap((p) =>
              p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
            )
          : [];
        const keys = key !== null ? [key] : parameterLiterals(node.arguments[1]);
        for (const k of keys) templates.push({ key: k, fields, file: file.path, line: lineOf(tree, node) });
      }
    });
  }
  return { collections, templates };
}

/**
 * Template keys the mini-program refers to (src/**): `subscribeTemplates.key` or `subscribeTemplates['key']`,
 * and key-like string literals handed to a call whose name mentions subscribe (a subscribe helper).
 */
export function scanClientSources(files: SourceFile[]): (SourceSite & { key: string })[] {
  const keys: (SourceSite & { key: string })[] = [];
  for (const { file, tree, resolve } of parsedWithConstants(files)) {
    walk(tree, (node) => {
      if (ts.isPropertyAccessExpression(node) && node.expression.getText(tree).endsWith('subscribeTemplates')) {
        keys.push({ key: node.name.text, file: file.path, line: lineOf(tree, node) });
      } else if (ts.isElementAccessExpression(node) && node.expression.getText(tree).endsWith('subscribeTemplates')) {
        const key = resolve(node.argumentExpression);
        if (key !== null) keys.push({ key, file: file.path, line: lineOf(tree, node) });
      } else if (ts.isCallExpression(node) && /subscribe/i.test(calleeName(node) ?? '')) {
        for (const argument of node.arguments) {
          walk(argument, (inner) => {
            const key = stringValue(inner);
            if (key !== null && TEMPLATE_KEY.test(key) && !ts.isPropertyAssignment(inner.parent)) {
              keys.push({ key, file: file.path, line: lineOf(tree, inner) });
            }
          });
        }
      }
    });
  }
  return keys;
}
