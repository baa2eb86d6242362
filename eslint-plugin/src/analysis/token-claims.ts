import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { importBindings, memberName, terminalName, unwrap } from './ast';

/**
 * Calls that return a JSON Web Token's claims: `jwt.verify(token, secret)` and `jwt.decode(token)` from
 * jsonwebtoken, `jwtDecode(token)` from jwt-decode, jose's `decodeJwt(token)` and `jwtVerify(token, key)`, NestJS's
 * `this.jwtService.verify(…)`. The claims say who the user is (`sub`, e-mail, name, roles): logging them whole
 * copies that identity into every log line, like a user record.
 */
const DECODERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['jsonwebtoken', new Set(['verify', 'decode'])],
  ['jwt-decode', new Set(['jwtDecode', 'default'])],
  ['jose', new Set(['decodeJwt', 'jwtVerify'])],
]);
/**
 * By name, where the decoder is the project's own: `this.jwtService.verify(…)` (@nestjs/jwt), a token service's
 * `verifyRefreshToken(token)`, a helper `decodeJwt(token)` / `verifyAccessToken(token)`.
 */
const DECODING_METHOD = /^(?:verify|decode)(?:Async|(?:Access|Refresh|Id|Auth)?(?:Token|Jwt))?$/;
const TOKEN_RECEIVER = /jwt|token/i;
const DECODING_FUNCTION = /^(?:verify|decode)(?:Access|Refresh|Id|Auth)?(?:Token|Jwt)$/;

export function decodesTokenClaims(call: TSESTree.CallExpression, program: TSESTree.Program): boolean {
  const callee = unwrap(call.callee);
  const bindings = importBindings(program);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = bindings.get(callee.name);
    const exported = binding ? DECODERS.get(binding.module) : undefined;
    if (exported !== undefined && binding !== undefined) return exported.has(binding.imported);
    return DECODING_FUNCTION.test(callee.name);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  if (!method) return false;
  const receiver = unwrap(callee.object);
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const binding = bindings.get(receiver.name);
    const exported =
      binding && ['default', '*', 'require'].includes(binding.imported) ? DECODERS.get(binding.module) : undefined;
    if (exported?.has(method)) return true;
  }
  return DECODING_METHOD.test(method) && TOKEN_RECEIVER.test(terminalName(receiver) ?? '');
}
