import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/utils';

/**
 * `AST_NODE_TYPES` as a plain constant of this module. Imported from `@typescript-eslint/utils`, each
 * `AST_NODE_TYPES.X` in the compiled CommonJS runs a chain of re-export getters (utils → typescript-estree →
 * types); on the hot paths (every node the rules and the service model test) that chain was a measurable share of
 * the plugin's time. Import it from here, not from `@typescript-eslint/utils`.
 */
export const AST_NODE_TYPES: typeof NODE_TYPES = NODE_TYPES;
/** The enum's type under the same name, as in `@typescript-eslint/utils`. */
export type AST_NODE_TYPES = NODE_TYPES;
