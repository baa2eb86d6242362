import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();

/** Person words name a person only in a person context. */
describe('no-pii-in-logs: person names and addresses in context', () => {
  ts.run('no-pii-in-logs (person context)', rule, {
    valid: [
      // The names of things.
      'logger.info(method.fullName, file.name, pkg.name, route.name);',
      'logger.info({ repo: repo.full_name, symbol: symbol.fullName, kind: type.firstName });',
      'logger.info({ packageFullName, repoFullName, queueFirstName, methodName });',
      'logger.info({ fullName: method.fullName, surname: column.surname });',
      // A person-name key cannot make a thing's value a person's name, and a name key does not make a field one.
      'logger.info({ name: user.role, name2: user.username });',
      // Addresses that are not postal: wallets, contracts, memory, IP, servers, and web3 accounts and owners.
      'logger.info(wallet.address, contract.address, account.address, owner.address);',
      'logger.info({ walletAddress, contractAddress, memoryAddress, emailServerAddress, serverAddress });',
      'logger.info(`listening on ${server.address()}`);',
      'logger.info({ address: req.body.address });',
    ],
    invalid: [
      {
        code: 'logger.info(user.fullName);',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.fullName', category: 'personal contact data', through: '' },
          },
        ],
      },
      {
        code: 'logger.info(customer.name, account.name);',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      {
        code: 'logger.info(req.body.name);',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'req.body.name', category: 'personal contact data', through: '' },
          },
        ],
      },
      {
        code: 'logger.info({ name: ctx.request.body.name, first: body.firstName });',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      {
        code: 'logger.info({ userFullName, customerName, data: data.fullName });',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      {
        code: 'logger.info({ fullName: profile.displayName });',
        errors: [
          { messageId: 'sensitive', data: { subject: 'fullName', category: 'personal contact data', through: '' } },
        ],
      },
      {
        code: 'logger.info(user.address, customer.address, order.shippingAddress);',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      {
        code: 'logger.info({ emailAddress, homeAddress, patientAddress });',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
    ],
  });
});
