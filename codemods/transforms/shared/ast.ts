/**
 * The loose AST node type of the catalog-module and plugin-export transforms. They walk children generically
 * and read Babel-only fields (`start`, `end`, `importKind`, `comments`) that ast-types' definitions leave out,
 * so a node is read by field name once its `type` has been checked. Everything loose about the AST is this
 * one alias; new code should prefer ast-types' `namedTypes` (as backendIndex does).
 */
import type { ASTPath } from 'jscodeshift';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the one deliberate loose type of the codemods
export type LooseNode = { type: string; [field: string]: any };

export type LoosePath = ASTPath<LooseNode>;
