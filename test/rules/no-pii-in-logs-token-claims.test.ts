import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();

/** A decoded JSON Web Token is who the user is (sub, e-mail, name, roles): logged whole, like a user record. */
describe('no-pii-in-logs: decoded token claims', () => {
  ts.run('no-pii-in-logs (token claims)', rule, {
    valid: [
      // A claim read by a name that says it is an id or a role.
      "import jwt from 'jsonwebtoken';\nconst decoded = jwt.verify(token, secret) as { id: string; role: string };\nlogger.info({ userId: decoded.id, role: decoded.role });",
      // jwt.sign returns a token (judged as a credential by its name elsewhere), not claims; here nothing is logged.
      "import jwt from 'jsonwebtoken';\nconst signed = jwt.sign({ id }, secret);\nlogger.info('token issued');",
      // verify() of something that is not a token: a signature check, a schema.
      "import crypto from 'node:crypto';\nlogger.info({ valid: crypto.verify('sha256', data, key, signature) });",
      'logger.info(schema.verify(input));',
      // A decoder of this name from a package that is not a JWT library.
      "import { decode } from 'html-entities';\nlogger.info(decode(text));",
      // Whether the token verified, not the claims.
      "import jwt from 'jsonwebtoken';\nconst ok = Boolean(jwt.decode(token));\nlogger.info({ ok });",
    ],
    invalid: [
      {
        code: "import jwt from 'jsonwebtoken';\nconst decoded = jwt.verify(token, secret);\nconsole.log(decoded, 'decoded');",
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      {
        code: "import { decode } from 'jsonwebtoken';\nlogger.info(decode(token));",
        errors: [{ messageId: 'personRecord' }],
      },
      {
        code: "import { jwtDecode } from 'jwt-decode';\nconst claims = jwtDecode(idToken);\nlogger.debug({ claims });",
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      {
        code: "import * as jose from 'jose';\nconst claims = jose.decodeJwt(token);\nlogger.info(claims);",
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      {
        code: 'class RefreshToken {\n  constructor(private jwtService: TokenService) {}\n  run(token: string) {\n    const decoded = this.jwtService.verifyRefreshToken(token);\n    console.log(decoded);\n  }\n}',
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      {
        code: 'const payload = verifyAccessToken(token);\nlogger.warn({ payload });',
        errors: [{ messageId: 'sensitiveAlias' }],
      },
    ],
  });
});

/** A variable logged before it is given a secret logs what it held then; a loop or a callback can run later writes first. */
describe('no-pii-in-logs: writes after the log call', () => {
  ts.run('no-pii-in-logs (write order)', rule, {
    valid: [
      "let result = { code: 200, message: 'ok', data: {} };\nlogger.warn(`login failed: ${JSON.stringify(result)}`);\nresult = { code: 200, message: 'ok', data: { accessToken } };\nreturn result;",
      "let body = { status: 'pending' };\nconsole.log(body);\nbody = { status: 'done', password };",
    ],
    invalid: [
      // Before: the secret is already there.
      {
        code: "let body = { status: 'pending' };\nbody = { status: 'done', password };\nconsole.log(body);",
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      // In a loop, a later write reaches the next iteration.
      {
        code: 'let body = {};\nfor (const user of users) {\n  console.log(body);\n  body = { password: user.password };\n}',
        errors: [{ messageId: 'sensitiveAlias' }],
      },
      // A callback may run after the write below it.
      {
        code: 'let body = {};\nsetTimeout(() => console.log(body), 10);\nbody = { password };',
        errors: [{ messageId: 'sensitiveAlias' }],
      },
    ],
  });
});
