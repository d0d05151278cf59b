/**
 * How the new plugin has to call a legacy `createRouter`: whether to await it, whether it hands back a bare
 * router or an object holding one (`{ router }`), and which health routes it serves that must stay reachable
 * without credentials.
 */
import type { RouterDeclaration } from './locateRouter';
import type { LooseNode, LoosePath } from '../shared/ast';

export interface RouterTraits {
  awaits: boolean;
  returnsRouterObject: boolean;
  /** Paths such as `/health` that legacy callers reached without credentials. */
  unauthenticatedPaths: string[];
}

const HEALTH_PATH = /^\/(health|healthz|healthcheck)$/;

export function readRouterTraits(decl: RouterDeclaration): RouterTraits {
  const { fn, source, parsed } = decl;
  const { j } = parsed;
  const returnType = fn.returnType?.typeAnnotation
    ? source.slice(fn.returnType.typeAnnotation.start, fn.returnType.typeAnnotation.end)
    : '';
  const awaits = Boolean(fn.async) || /^Promise\s*</.test(returnType);

  let returnsRouterObject = /\brouter\??\s*:/.test(returnType);
  if (!returnsRouterObject && fn.body?.type === 'BlockStatement') {
    j(fn.body)
      .find(j.ReturnStatement)
      .forEach((path: LoosePath) => {
        const arg = path.node.argument;
        if (arg?.type === 'ObjectExpression' && arg.properties.some((p: LooseNode) => propertyName(p) === 'router')) {
          returnsRouterObject = true;
        }
      });
  } else if (!returnsRouterObject && fn.body?.type === 'ObjectExpression') {
    returnsRouterObject = fn.body.properties.some((p: LooseNode) => propertyName(p) === 'router');
  }

  const paths = new Set<string>();
  parsed.root.find(j.CallExpression).forEach((path: LoosePath) => {
    const { callee, arguments: args } = path.node;
    if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
    if (!['get', 'all', 'head'].includes(callee.property.name)) return;
    const first = args[0];
    if (
      first &&
      (first.type === 'StringLiteral' || first.type === 'Literal') &&
      typeof first.value === 'string' &&
      HEALTH_PATH.test(first.value)
    ) {
      paths.add(first.value);
    }
  });
  return { awaits, returnsRouterObject, unauthenticatedPaths: [...paths].sort() };
}

function propertyName(property: LooseNode): string | undefined {
  if (property.type !== 'ObjectProperty' && property.type !== 'Property') return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'StringLiteral') return property.key.value;
  return undefined;
}
