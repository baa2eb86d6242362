import { PureMemo, remembered } from '../util/memo';
import { endsWithPhrase, splitWords } from './words';

export const CATEGORIES = [
  'credential',
  'session',
  'request-data',
  'environment',
  'contact',
  'government-id',
  'financial',
  'health',
  'network',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a category reads in a message: "`password` (credential) is written to the log". */
export const CATEGORY_LABELS: Record<Category, string> = {
  credential: 'credential',
  session: 'session secret',
  'request-data': 'request data that can hold credentials and personal data',
  environment: 'environment that holds secrets',
  contact: 'personal contact data',
  'government-id': 'government ID',
  financial: 'financial data',
  health: 'health data',
  network: 'network identity',
};

/** OWASP wants the source IP on security events, so network identity is opt-in. */
export const CATEGORIES_ON_BY_DEFAULT: Record<Category, boolean> = {
  credential: true,
  session: true,
  'request-data': true,
  environment: true,
  contact: true,
  'government-id': true,
  financial: true,
  health: true,
  network: false,
};

interface Phrase {
  words: readonly string[];
  category: Category;
  /** Only sensitive when nothing precedes the phrase (`pass`, `sin`, `pan`, `tel`). */
  wholeNameOnly?: boolean;
  /** Not sensitive when the word right before the phrase is one of these (`nextPageToken`, `cardToken`). */
  notAfter?: readonly string[];
  /** Sensitive only when the word before is one of these, or the name is the phrase alone. */
  onlyAfter?: readonly string[];
  /** Like `onlyAfter`, for the object the name is read from (`user.name`, `order.customer.address`). */
  onlyOnBase?: ReadonlySet<string>;
  /** Not sensitive when read from one of these objects (`method.fullName`). */
  notOnBase?: ReadonlySet<string>;
}

/** Owners of an e-mail address that is no person's: a mailing list, a team, the service itself. */
const SHARED_ADDRESS_WORDS = [
  'group',
  'team',
  'channel',
  'list',
  'distribution',
  'alias',
  'org',
  'organization',
  'organisation',
  'company',
  'tenant',
  'support',
  'noreply',
  'bot',
];

const PAGINATION = [
  'next',
  'page',
  'prev',
  'previous',
  'continuation',
  'cursor',
  'pagination',
  'sync',
  'resume',
  'start',
];
const PERSON_WORDS = [
  'customer',
  'patient',
  'member',
  'employee',
  'applicant',
  'contact',
  'recipient',
  'sender',
  'cardholder',
  'holder',
  'person',
  'guest',
  'passenger',
  'student',
  'beneficiary',
  'subscriber',
  'buyer',
  'payer',
  'payee',
  'owner',
  'candidate',
  'tenant',
  'client',
  'user',
  'profile',
  'author',
  'manager',
  'doctor',
  'nurse',
];
/** `name` / `address` alone name a person's data only on these bases (`customer.name`, not `file.name`). */
const PERSON_BASE_WORDS: ReadonlySet<string> = new Set(
  PERSON_WORDS.filter((word) => word !== 'client' && word !== 'manager').concat([
    'account',
    'people',
    'me',
    'billing',
    'shipping',
  ]),
);
/** `body.name`: the request body a form posted (signup, checkout) names a person more often than not. */
const NAME_BASE_WORDS: ReadonlySet<string> = new Set([...PERSON_BASE_WORDS, 'body']);
/** `account.address` and `owner.address` are wallet addresses in every web3 codebase. */
const ADDRESS_BASE_WORDS: ReadonlySet<string> = new Set(
  [...PERSON_BASE_WORDS].filter((word) => word !== 'account' && word !== 'owner'),
);
/** Things that have names of their own: code, infrastructure and catalogue objects. */
const THING_WORDS: ReadonlySet<string> = new Set([
  'method',
  'function',
  'func',
  'fn',
  'class',
  'type',
  'symbol',
  'node',
  'module',
  'package',
  'pkg',
  'repo',
  'repository',
  'project',
  'file',
  'dir',
  'directory',
  'folder',
  'route',
  'router',
  'endpoint',
  'handler',
  'controller',
  'service',
  'queue',
  'topic',
  'bucket',
  'table',
  'column',
  'field',
  'schema',
  'model',
  'index',
  'job',
  'task',
  'step',
  'event',
  'metric',
  'span',
  'command',
  'plugin',
  'component',
  'tag',
  'test',
  'suite',
  'spec',
  'feature',
  'flag',
  'product',
  'item',
  'sku',
  'category',
  'organization',
  'org',
  'company',
  'team',
  'group',
  'role',
  'permission',
  'app',
  'application',
  'host',
  'server',
  'cluster',
  'container',
  'image',
  'device',
  'region',
  'zone',
  'config',
  'setting',
  'option',
  'param',
  'property',
  'prop',
  'attribute',
  'attr',
  'argument',
  'arg',
  'variable',
  'enum',
  'interface',
  'struct',
  'declaration',
  'decl',
  'branch',
  'commit',
  'workflow',
  'pipeline',
  'stage',
  'resource',
  'namespace',
  'domain',
  'channel',
  'workspace',
  'library',
  'lib',
  'dependency',
  'dep',
  'operation',
  'op',
  'query',
  'mutation',
  'resolver',
  'action',
  'rule',
  'asset',
  'database',
  'db',
  'collection',
  'view',
  'page',
  'screen',
  'template',
  'layout',
  'widget',
  'script',
  'binary',
  'bin',
  'artifact',
  'release',
  'version',
  'ref',
]);
/** In one identifier, `userName` is a login handle and `ownerName` often a package owner: only these prefixes count. */
const PERSON_PREFIXES = PERSON_WORDS.filter((word) => !['user', 'client', 'owner', 'author', 'manager'].includes(word));

function phrases(category: Category, list: string, extra: Omit<Phrase, 'words' | 'category'> = {}): Phrase[] {
  return list.split(',').map((entry) => ({ words: entry.trim().split(' '), category, ...extra }));
}

const PHRASES: Phrase[] = [
  ...phrases(
    'credential',
    'password, passwords, passwd, passphrase, passcode, pwd, pw, secret, secrets, credential, credentials, creds, cred, ' +
      'api key, apikey, access key, secret key, private key, signing key, master key, encryption key, license key, ' +
      'ssh key, pgp key, gpg key, client key, app key, otp, totp, hotp, mfa code, recovery code, recovery codes, ' +
      'backup code, backup codes, verification code, one time code, auth code, authorization code, reset code, ' +
      'access code, pin, pin code, pin number, connection string, conn string, connection uri, connection url, ' +
      'database url, database uri, db url, db uri, db connection, mongo uri, mongo url, mongodb uri, mongodb url, ' +
      'redis url, postgres url, dsn, reset link, reset url, magic link, login link, invite link, verification link, ' +
      'private pem, bearer, jwt, jwts',
  ),
  ...phrases('credential', 'token, tokens', {
    notAfter: [
      ...PAGINATION,
      'card',
      'payment',
      'device',
      'push',
      'fcm',
      'apns',
      'design',
      'lexer',
      'parser',
      'input',
      'output',
      'prompt',
      'completion',
      'cached',
      'reasoning',
      'used',
      'remaining',
      'max',
      'min',
      'cancellation',
      'abort',
    ],
  }),
  ...phrases('credential', 'pass', {
    onlyAfter: [
      'user',
      'db',
      'database',
      'smtp',
      'admin',
      'root',
      'mail',
      'ftp',
      'ldap',
      'proxy',
      'redis',
      'mongo',
      'mysql',
      'pg',
      'postgres',
      'login',
      'account',
      'email',
      'app',
      'api',
      'auth',
      'basic',
      'sasl',
    ],
  }),
  ...phrases(
    'session',
    'authorization, proxy authorization, auth header, authorization header, cookie, cookies, set cookie, session id, session key, session cookie, cookie header',
  ),
  // Twilio's `accountSid`, `messageSid`, `callSid` identify resources; only a bare or session `sid` is a session.
  ...phrases('session', 'sid', {
    notAfter: [
      'account',
      'message',
      'call',
      'service',
      'conference',
      'recording',
      'verify',
      'workspace',
      'worker',
      'task',
      'flow',
      'execution',
      'channel',
      'trunk',
      'queue',
      'sms',
      'mms',
      'api',
      'subaccount',
      'sub',
    ],
  }),
  // A group's, team's or service's address reaches no one person (`tactical_group.email`, `supportEmail`).
  ...phrases('contact', 'email, emails, e mail, email address, email addresses, mail address', {
    notAfter: SHARED_ADDRESS_WORDS,
    notOnBase: new Set(SHARED_ADDRESS_WORDS),
  }),
  ...phrases(
    'contact',
    'phone, phones, phone number, phone no, ' +
      'mobile number, mobile phone, mobile no, telephone, telephone number, fax, fax number, msisdn, cell phone, ' +
      'cell number, home address, postal address, billing address, shipping address, street address, mailing address, ' +
      'residential address, delivery address, street, address line, zip code, zipcode, postal code, postcode, ' +
      'post code, maiden name, date of birth, dob, birth date, birthdate, birthday, birth day, ' +
      'place of birth, birth place, birthplace',
  ),
  // A person's name parts, unless the name is a thing's (`method.fullName`, `repo.full_name`, `packageFullName`).
  ...phrases(
    'contact',
    'first name, firstname, last name, lastname, full name, fullname, given name, family name, middle name, surname',
    {
      notAfter: [...THING_WORDS],
      notOnBase: THING_WORDS,
    },
  ),
  ...phrases('contact', 'tel', { wholeNameOnly: true }),
  // `name` and `address` alone are a person's only in a person context (`customer.name`, `user.address`,
  // `req.body.name`); wallet, contract, memory, IP and server addresses are not postal addresses.
  ...phrases('contact', 'name', { onlyAfter: PERSON_PREFIXES, onlyOnBase: NAME_BASE_WORDS }),
  ...phrases('contact', 'address', { onlyAfter: PERSON_PREFIXES, onlyOnBase: ADDRESS_BASE_WORDS }),
  ...phrases(
    'government-id',
    'ssn, ssns, social security, social security number, social security no, national id, national insurance, ' +
      'national insurance number, national identity number, nino, tax id, tax number, taxpayer id, ein, itin, passport, ' +
      'passport number, passport no, driver license, drivers license, driver licence, drivers licence, driving licence, ' +
      'driving license, license number, licence number, aadhaar, aadhar, cpf, bsn, nhs number, medicare number, ' +
      'resident id, voter id, personnummer',
  ),
  ...phrases('government-id', 'sin, tin, pan', { wholeNameOnly: true }),
  ...phrases(
    'financial',
    'card number, credit card, debit card, credit card number, cc number, ccn, cvv, cvc, cvv2, cvc2, card cvv, ' +
      'card cvc, security code, card expiry, card expiration, iban, swift code, bic code, account number, acct number, ' +
      'account no, bank account, bank account number, routing number, sort code, salary, salaries, income, ' +
      'credit score, pan number',
  ),
  ...phrases(
    'health',
    'diagnosis, diagnoses, medical record, medical records, medical history, medical condition, medical conditions, ' +
      'mrn, prescription, prescriptions, medication, medications, allergy, allergies, blood type, blood pressure, ' +
      'blood glucose, blood sugar, heart rate, bmi, pregnancy, hiv status, disability, disabilities, lab result, ' +
      'lab results, health record, health records, insurance number, health insurance number, symptoms',
  ),
  ...phrases(
    'network',
    'ip, ips, ip address, ip addr, ip addresses, remote address, remote addr, remote ip, client ip, forwarded for, ' +
      'real ip, mac address, device id, imei, idfa, gaid, advertising id, latitude, longitude, lat, lng, geolocation, ' +
      'geo location, gps location',
  ),
];

/** Trailing words that do not change what a name holds (`passwordConfirmation`, `tokenString`, `addressLine1`). */
const NEUTRAL_TAIL = new Set([
  'value',
  'val',
  'str',
  'string',
  'text',
  'raw',
  'plain',
  'input',
  'hex',
  'b64',
  'base64',
  'buf',
  'buffer',
  'bytes',
  'param',
  'arg',
  'json',
  'clear',
  'cleartext',
  'plaintext',
  'confirmation',
  'confirm',
  'repeat',
  'again',
  'header',
  'cookie',
  'env',
  'var',
  'pem',
]);
/** Words that make the whole name safe: the value was hashed, masked or truncated before it got here. */
export const MADE_SAFE_WORDS: ReadonlySet<string> = new Set([
  'hash',
  'hashed',
  'hashes',
  'digest',
  'encrypted',
  'masked',
  'redacted',
  'obfuscated',
  'hmac',
  'sha',
  'md5',
  'bcrypt',
  'argon',
  'scrypt',
  'censored',
  'scrubbed',
  'anonymized',
  'anonymised',
  'pseudonymized',
  'truncated',
  'fingerprint',
  'last4',
  'blinded',
  // Public halves of key pairs and publishable client keys are meant to be shared: `publicKey`, `publishableKey`.
  'public',
  'publishable',
]);
/** Words that undo `MADE_SAFE_WORDS` (`decryptedPassword` is the password again). */
const FORCE_SENSITIVE_WORDS = new Set([
  'plain',
  'plaintext',
  'raw',
  'decrypted',
  'unencrypted',
  'unhashed',
  'clear',
  'cleartext',
  'unmasked',
]);
/** Boolean-ish prefixes: `isPasswordValid`, `hasToken`, `requiresMfaCode`. */
export const BOOLEAN_PREFIXES: ReadonlySet<string> = new Set([
  'is',
  'has',
  'have',
  'had',
  'can',
  'should',
  'must',
  'may',
  'will',
  'requires',
  'require',
  'required',
  'needs',
  'need',
  'was',
  'were',
  'did',
  'does',
  'do',
  'allow',
  'allows',
  'use',
  'uses',
  'with',
  'without',
  'no',
  'not',
  'show',
  'hide',
  'enable',
  'disable',
  'num',
  'n',
  'count',
  'total',
  'max',
  'min',
]);

const phraseIndex = new Map<string, Phrase[]>();
for (const phrase of PHRASES) {
  const last = phrase.words[phrase.words.length - 1];
  const bucket = phraseIndex.get(last) ?? [];
  bucket.push(phrase);
  bucket.sort((a, b) => b.words.length - a.words.length);
  phraseIndex.set(last, bucket);
}

export interface NameVerdict {
  category: Category;
}

export interface NameContext {
  /** Words of the object the name is read from (`customer` in `customer.name`). */
  baseWords?: readonly string[];
}

export interface NameOptions {
  extraSensitive: ReadonlyArray<{ words: readonly string[]; category: Category }>;
  allowed: ReadonlySet<string>;
}

function matchPhrase(
  words: readonly string[],
  end: number,
  context: NameContext | undefined,
  options: NameOptions,
): Category | undefined {
  for (const extra of options.extraSensitive) {
    if (endsWithPhrase(words, end, extra.words)) return extra.category;
  }
  for (const phrase of phraseIndex.get(words[end]) ?? []) {
    if (!endsWithPhrase(words, end, phrase.words)) continue;
    const start = end - phrase.words.length + 1;
    const before = start > 0 ? words[start - 1] : undefined;
    const base = context?.baseWords?.[context.baseWords.length - 1];
    if (phrase.wholeNameOnly && (start > 0 || end !== words.length - 1)) continue;
    if (phrase.notAfter && before !== undefined && phrase.notAfter.includes(before)) continue;
    if (phrase.notOnBase && before === undefined && base !== undefined && phrase.notOnBase.has(base)) continue;
    if (phrase.onlyAfter) {
      const qualified =
        before !== undefined
          ? phrase.onlyAfter.includes(before)
          : base !== undefined && (phrase.onlyOnBase ?? new Set(phrase.onlyAfter)).has(base);
      const standsAlone = phrase.words[0] === 'pass' && words.length === 1;
      if (!qualified && !standsAlone) continue;
    }
    return phrase.category;
  }
  return undefined;
}

/**
 * Judges a name by its head noun (last meaningful word): `passwordPolicy` is a policy, `apiKey` is a key that
 * grants access, `isPasswordValid` is a boolean. Returns undefined for names that hold nothing sensitive.
 */
export function classifyName(name: string, options: NameOptions, context?: NameContext): NameVerdict | undefined {
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  const lowered = name.toLowerCase();
  if (options.allowed.has(lowered) || options.allowed.has(words.join(' '))) return undefined;
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0])) return undefined;
  let end = words.length - 1;
  while (end > 0 && (NEUTRAL_TAIL.has(words[end]) || /^\d+$/.test(words[end]))) {
    if (words[end] === '4' && words[end - 1] === 'last') return undefined;
    // `sessionCookie`, `authHeader`: the tail word itself may be what makes the name sensitive.
    if (matchPhrase(words, end, context, options)) break;
    end--;
  }
  const category = matchPhrase(words, end, context, options);
  if (!category) return undefined;
  if (words.some((word) => MADE_SAFE_WORDS.has(word)) && !words.some((word) => FORCE_SENSITIVE_WORDS.has(word))) {
    return undefined;
  }
  return { category };
}

/**
 * Name options by their inputs: a rule builds them for every linted file from the same configuration, and the
 * verdicts memoised on them (`classifyNameCached`) then serve the whole run.
 */
const nameOptionsByInput = new PureMemo<NameOptions>((key) => {
  const [extraSensitiveNames, allowNames] = JSON.parse(key) as [
    Array<string | { name: string; category?: Category }>,
    string[],
  ];
  return buildNameOptions(extraSensitiveNames, allowNames);
}, 100);

export function makeNameOptions(
  extraSensitiveNames: ReadonlyArray<string | { name: string; category?: Category }>,
  allowNames: readonly string[],
): NameOptions {
  return nameOptionsByInput.get(JSON.stringify([extraSensitiveNames, allowNames]));
}

const verdictsByOptions = new WeakMap<NameOptions, Map<string, NameVerdict | null>>();

/** `classifyName` for a name read from `owner` (or alone), remembered per options: log calls repeat the same names. */
export function classifyNameCached(
  name: string,
  options: NameOptions,
  owner: string | undefined,
): NameVerdict | undefined {
  let verdicts = verdictsByOptions.get(options);
  if (!verdicts) verdictsByOptions.set(options, (verdicts = new Map<string, NameVerdict | null>()));
  if (verdicts.size > 50_000) verdicts.clear();
  return remembered(verdicts, owner === undefined ? name : `${name}\0${owner}`, () =>
    classifyName(name, options, owner !== undefined ? { baseWords: splitWords(owner) } : undefined),
  );
}

function buildNameOptions(
  extraSensitiveNames: ReadonlyArray<string | { name: string; category?: Category }>,
  allowNames: readonly string[],
): NameOptions {
  return {
    extraSensitive: extraSensitiveNames.map((entry) => {
      const name = typeof entry === 'string' ? entry : entry.name;
      const category = typeof entry === 'string' ? 'credential' : (entry.category ?? 'credential');
      return { words: splitWords(name), category };
    }),
    allowed: new Set(allowNames.flatMap((name) => [name.toLowerCase(), splitWords(name).join(' ')])),
  };
}
