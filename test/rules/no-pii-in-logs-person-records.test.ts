import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const fullRule = plugin.rules['no-pii-in-logs'];
const rule = detectionOnly(fullRule);
const ts = new TsRuleTester();
const RECORD = { messageId: 'personRecord' as const };

/** Whole person records recognised by their names, when nothing declared says otherwise. */
describe('no-pii-in-logs: whole person records', () => {
  ts.run('no-pii-in-logs (person records)', rule, {
    valid: [
      // Parts, counts, ids and other things whose head word is not the record.
      'logger.info(user.id, userId, userCount, users.length, userAgent, userService, userRepository, username);',
      'logger.info({ accountId: account.id, profileUrl, customerType, memberSince, patientCount, userRole, userStatus });',
      'logger.info(UserController, User, PROFILE_FIELDS);',
      'logger.info({ ids: users.map((u) => u.id), names: users.map((u) => u.id).join(",") });',
      // Booleans, counts and reduced records.
      'logger.info({ hasUser, isUser, numUsers, totalCustomers, safeUser, publicProfile, sanitizedUser, userSummary, hashedUser });',
      // In text a record is `[object Object]`, and `user` in a sentence is usually a login name.
      'logger.info(`Hello ${user}`);\nlogger.info("User: " + user);\nlogger.info(String(customer), users.join(", "), user.toString());',
      // What the variable was given says it is something else.
      'const user = req.body.username;\nlogger.info(user);',
      'const user = { id: u.id, role: u.role };\nlogger.info({ user });',
      'const profile = `${first} ${last}`;\nconst account = getAccountId();\nconst member = getMemberNameById(id);\nlogger.info(profile, account, member);',
      // A declared type says what it is: text, or fields none of which is sensitive.
      'function f(user: string, member: "admin" | "guest") { logger.info(user, member); }',
      'interface User { id: string; role: string }\nfunction f(user: User) { logger.info(user); }',
      // The authenticated principal on a request is often just the token's claims.
      'logger.info(req.user, JSON.stringify(ctx.state.user), res.locals.user);',
      // Values from the environment are judged as such.
      'const user = process.env.DB_USER;\nlogger.info({ user });',
      { code: 'logger.info(user);', options: [{ categories: { contact: false } }] },
    ],
    invalid: [
      {
        code: "logger.info('[OktaTwitterProvider] Registering user', profile);",
        errors: [{ ...RECORD, data: { subject: 'profile', category: 'personal contact data', through: '' } }],
      },
      { code: 'logger.info(user);', errors: [RECORD] },
      {
        code: 'async function f(id) {\n  const savedUser = await this.usersRepository.save(user);\n  console.log(savedUser);\n}',
        errors: [{ ...RECORD, data: { subject: 'savedUser', category: 'personal contact data', through: '' } }],
      },
      {
        code: "console.log('Users:', users.rows);",
        errors: [{ ...RECORD, data: { subject: 'users.rows', category: 'personal contact data', through: '' } }],
      },
      { code: "logger.debug('user data: ', JSON.stringify(user));", errors: [RECORD] },
      { code: 'logger.info(`got user data from Okta: ${JSON.stringify(oktaUser)}`);', errors: [RECORD] },
      { code: 'logger.info({ customer: this.customer, patient });', errors: [RECORD, RECORD] },
      { code: 'async function f() { const user = await User.findById(id); logger.info({ user }); }', errors: [RECORD] },
      {
        code: "async function f(ctx) {\n  let user = Utils.getUser(ctx);\n  user = await OktaService.getUserById(user.id);\n  logger.debug('user data: ', JSON.stringify(user));\n}",
        errors: [RECORD],
      },
      {
        code: 'const member = members[0];\nlogger.info(member, users[1]);',
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'member', origin: 'members', category: 'personal contact data', through: '' },
          },
          RECORD,
        ],
      },
      // Types the rule cannot read (from packages) leave the name to judge.
      {
        code: "import type { Profile } from 'passport';\nfunction f(profile: Profile) { logger.info(profile); }",
        errors: [RECORD],
      },
      // An alias of a record is the record.
      {
        code: 'const { user } = result;\nlogger.info(user);',
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'user', origin: 'result.user', category: 'personal contact data', through: '' },
          },
        ],
      },
    ],
  });

  ts.run('no-pii-in-logs (person record suggestions)', fullRule, {
    valid: [],
    invalid: [
      {
        code: 'logger.info({ user });',
        errors: [
          {
            messageId: 'personRecord',
            suggestions: [
              { messageId: 'removeProperty', output: 'logger.info({});' },
              { messageId: 'logId', output: 'logger.info({ userId: user.id });' },
            ],
          },
        ],
      },
      // A list has no single id to log instead.
      {
        code: "console.log('Users:', users.rows);",
        errors: [
          {
            messageId: 'personRecord',
            suggestions: [{ messageId: 'removeArgument', output: "console.log('Users:');" }],
          },
        ],
      },
    ],
  });
});
