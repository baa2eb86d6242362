import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { fixturePath } from '../helpers';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();
/** A controller in the fixture project: its imports resolve to the fixture's dto/ and models/ modules. */
const filename = fixturePath('pii-imported-types', 'src', 'login.controller.ts');

const controller = (imports: string, body: string): string =>
  `${imports}\nclass LoginController {\n  private readonly logger = new Logger('login');\n  handle(${body}\n}`;

/** Types declared in other project files are read syntactically, through the project's module resolver. */
describe('no-pii-in-logs: types imported from project modules', () => {
  ts.run('no-pii-in-logs (imported types)', rule, {
    valid: [
      // Imported types without sensitive fields.
      {
        filename,
        code: controller("import { PublicUser } from './dto';", "user: PublicUser) { this.logger.log('user', user); }"),
      },
      {
        filename,
        code: controller(
          "import type { Order } from './models/order';",
          "order: Order) { this.logger.log('order', order); }",
        ),
      },
      {
        filename,
        code: controller(
          "import { AccountSettings } from './models/account';",
          'settings: AccountSettings) { this.logger.log(settings); }',
        ),
      },
      // NestJS mapped types keep or drop fields.
      {
        filename,
        code: controller(
          "import { UpdateImageDto, PublicUserDto } from './dto';",
          'a: UpdateImageDto, b: PublicUserDto) { this.logger.log(a, b); }',
        ),
      },
      // Only the fields are reported when logged whole; logging a safe field is fine.
      {
        filename,
        code: controller(
          "import { CreateLoginDto } from './dto/create-login.dto';",
          "dto: CreateLoginDto) { this.logger.log('login', dto.provider); }",
        ),
      },
      // A package's types are not followed; a name that resolves nowhere is left alone.
      {
        filename,
        code: controller(
          "import { Request } from 'express';\nimport { Missing } from './dto/missing';",
          'req2: Request, m: Missing) { this.logger.log(req2, m); }',
        ),
      },
      // Imported constants name one header.
      {
        filename,
        code: "import { REQUEST_ID_HEADER } from './models/order';\nlogger.info({ requestId: req.headers[REQUEST_ID_HEADER] });",
      },
      // Without a file on disk nothing is resolved.
      "import { CreateLoginDto } from './dto/create-login.dto';\nfunction f(dto: CreateLoginDto) { logger.info(dto); }",
    ],
    invalid: [
      {
        filename,
        code: controller(
          "import { CreateLoginDto } from './dto/create-login.dto';",
          "createLoginDto: CreateLoginDto) { this.logger.log('login', createLoginDto); }",
        ),
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'createLoginDto',
              fields: '`email` (personal contact data) and `password` (credential)',
              verb: 'are',
              through: '',
            },
          },
        ],
      },
      // Re-exported through an index, and through a tsconfig `paths` alias.
      {
        filename,
        code: controller(
          "import { CreateLoginDto } from './dto';",
          'body: CreateLoginDto) { this.logger.log({ body }); }',
        ),
        errors: [{ messageId: 'sensitiveFields' }],
      },
      {
        filename,
        code: controller(
          "import { CreateUserDto } from '@dto/create-user.dto';",
          "loginProviderDto: CreateUserDto) { this.logger.log('loginByProvider', loginProviderDto); }",
        ),
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'loginProviderDto',
              fields: '`email` (personal contact data) and `password` (credential)',
              verb: 'are',
              through: '',
            },
          },
        ],
      },
      // `PartialType(CreateUserDto)` carries CreateUserDto's fields, from another module again.
      {
        filename,
        code: controller(
          "import { UpdateUserDto } from './dto/update-user.dto';",
          'dto: UpdateUserDto) { this.logger.log(dto); }',
        ),
        errors: [{ messageId: 'sensitiveFields' }],
      },
      // Interfaces extending imported interfaces; default-exported classes with parameter properties.
      {
        filename,
        code: controller(
          "import { Account } from './models/account';",
          'account: Account) { this.logger.log(account); }',
        ),
        errors: [
          {
            messageId: 'sensitiveFields',
            data: { subject: 'account', fields: '`iban` (financial data)', verb: 'is', through: '' },
          },
        ],
      },
      {
        filename,
        code: controller("import Member from './models/account';", 'member: Member) { this.logger.log(member); }'),
        errors: [
          {
            messageId: 'sensitiveFields',
            data: { subject: 'member', fields: '`phoneNumber` (personal contact data)', verb: 'is', through: '' },
          },
        ],
      },
      {
        filename,
        code: "import { AUTH_HEADER } from './models/order';\nlogger.info({ auth: req.headers[AUTH_HEADER] });",
        errors: [{ messageId: 'sensitive' }],
      },
    ],
  });
});
