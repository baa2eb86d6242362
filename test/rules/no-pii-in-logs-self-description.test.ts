import { RuleTester as TsRuleTester } from '@typescript-eslint/rule-tester';
import plugin from 'eslint-plugin-observability';
import { detectionOnly } from './detection-only';

const rule = detectionOnly(plugin.rules['no-pii-in-logs']);
const ts = new TsRuleTester();

/**
 * What a value says it is outweighs a label before it (an error, a message, an id of a key), and values made safe
 * by their producer (masked by `.replace`, named hashed/blinded/public) are not the secret.
 */
describe('no-pii-in-logs: labels, metadata of secrets and masked values', () => {
  ts.run('no-pii-in-logs (self-description)', rule, {
    valid: [
      // A label names the line's topic; the interpolated value says it is an error (koa-rw-authorization).
      'logger.error(`[APIGatewayAWSService] - Error creating API key: ${apiKeyCreationError.toString()}`);',
      'try { f(); } catch (error) { logger.error(`Error updating API key: ${error}`); }',
      'logger.warn(`invalid token: ${errorMessage}`);',
      'try { f(); } catch (err) { logger.warn(`password: ${err.message}`); }',
      'try { f(); } catch (e) { logger.warn(`token: ${e.toString()}`); }',
      "logger.warn('password=' + getErrorMessage(err));",
      'logger.warn(`secret: ${JSON.stringify(validationErrors)}`);',
      'logger.info(`token: ${tokenStatus}, api key: ${reason}`);',
      // …or that it is an id, a name or other metadata of the key, not the key.
      'logger.error(`[APIGatewayAWSService] - Deleting API key: ${createApiKeyCommandResponse.id}`);',
      'logger.info(`API key: ${String(apiKeyId)}, token: ${token.type}, secret: ${secret.arn}`);',
      'logger.info({ apiKey: createApiKeyCommandResponse.id, token: errorMessage, password: policy.minLength });',
      // Names whose head word is metadata of a secret.
      'logger.info({ keyID, apiKeyId, tokenId, secretName, secretArn, tokenExpiry, passwordLength, tokenType, credentialId });',
      // Twilio SIDs identify resources.
      'logger.info({ accountSid, messageSid, callSid });',
      // A value masked by the replacement it is passed through (nest-watsolution).
      "ormLogger.log(`Connecting to: ${dbUrl.replace(/:([^:@]+)@/, ':***@')}`);",
      "logger.info({ url: databaseUrl.replace(/\\/\\/.*@/, '//[REDACTED]@') });",
      "logger.info(token.replace(/.(?=.{4})/g, '*'));",
      'logger.info(connectionString.replaceAll(password, `<hidden>`));',
      // Names that say the producer made the value safe.
      'logger.info({ blindedEmail, hashedPassword, maskedCardNumber, redactedToken, obfuscatedSecret });',
      'logger.info({ publicKey, publicKeyPem, publishableKey, stripePublishableKey });',
    ],
    invalid: [
      // A value that says nothing of itself takes the label's meaning.
      {
        code: 'logger.info(`password: ${value}`);',
        errors: [{ messageId: 'sensitive', data: { subject: 'value', category: 'credential', through: '' } }],
      },
      {
        code: 'logger.info(`token=${t}`);',
        errors: [{ messageId: 'sensitive', data: { subject: 't', category: 'credential', through: '' } }],
      },
      { code: 'logger.info(`api key: ${String(newKey)}`);', errors: [{ messageId: 'sensitive' }] },
      { code: 'logger.info(`Authorization: Bearer ${auth.current}`);', errors: [{ messageId: 'sensitive' }] },
      {
        code: 'logger.info({ password: input, token: v });',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
      // The value's own name wins both ways: an id label does not clear a password.
      {
        code: 'logger.info(`id: ${pw}`);',
        errors: [{ messageId: 'sensitive', data: { subject: 'pw', category: 'credential', through: '' } }],
      },
      {
        code: 'try { f(); } catch (err) { logger.warn(`password: ${err.message}, was ${password}`); }',
        errors: [{ messageId: 'sensitive', data: { subject: 'password', category: 'credential', through: '' } }],
      },
      // A session id is still one.
      { code: 'logger.info({ sid, sessionSid });', errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }] },
      // Replacements that mask nothing pass the value through.
      {
        code: "logger.info(dbUrl.replace('postgres://', 'postgresql://'));",
        errors: [{ messageId: 'sensitive', data: { subject: 'dbUrl', category: 'credential', through: '' } }],
      },
      { code: "logger.info(password.replace(/\\s/g, ''));", errors: [{ messageId: 'sensitive' }] },
      { code: 'logger.info(token.replace(/x/, replacement));', errors: [{ messageId: 'sensitive' }] },
      { code: "logger.info(apiKey.replace('*', ''));", errors: [{ messageId: 'sensitive' }] },
      // Made-safe words are undone by words that say the value is plain again; private keys stay secret.
      {
        code: 'logger.info({ unmaskedCardNumber, privateKeyPem, decryptedHashedPassword });',
        errors: [{ messageId: 'sensitive' }, { messageId: 'sensitive' }, { messageId: 'sensitive' }],
      },
    ],
  });
});
