import { fixturePath } from '../../helpers';
import { pythonRule, pythonRuleTester } from './tester';

const rule = pythonRule('no-pii-in-logs');
const tester = pythonRuleTester();
const filename = '/project/app/main.py';
/** A file of a project on disk whose models and loggers live in other modules (`app.schemas`, `app.core.log`). */
const routes = fixturePath('pii-python', 'app', 'routes.py');

const LOGGING = 'import logging\n\nlog = logging.getLogger(__name__)\n\n';
const STRUCTLOG = 'import structlog\n\nlog = structlog.get_logger()\n\n';
const LOGURU = 'from loguru import logger\n\n';
const SIGNUP =
  'import logging\nfrom pydantic import BaseModel\n\nlog = logging.getLogger(__name__)\n\n\n' +
  'class SignUp(BaseModel):\n    id: int\n    email: str\n    password: str\n    username: str\n\n\n';

const ORM =
  'import logging\nfrom sqlalchemy import Column, Integer, String\n\nlog = logging.getLogger(__name__)\n\n\n' +
  'class User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n    email = Column(String)\n\n\n';
const WRAPPERS =
  'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef audit(event, data=None):\n    log.info("%s %s", event, data)\n\n\n' +
  'def size_of(data):\n    log.info("size %d", len(data))\n\n\n';
const SETTINGS =
  'import logging\nfrom pydantic import SecretStr\nfrom pydantic_settings import BaseSettings\n\nlog = logging.getLogger(__name__)\n\n\n' +
  'class Settings(BaseSettings):\n    api_key: SecretStr\n    port: int = 8000\n\n\nsettings = Settings()\n';
const OTEL = 'from opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n\n';
const SENTRY = 'import sentry_sdk\n\n';
const CREDENTIAL = 'credential';
const CONTACT = 'personal contact data';
const SESSION = 'session secret';
const REQUEST = 'request data that can hold credentials and personal data';

describe('no-pii-in-logs (Python)', () => {
  tester.run('no-pii-in-logs', rule, {
    valid: [
      // A group's, team's or service's e-mail address reaches no one person.
      {
        filename,
        code: `${LOGGING}def notify(incident, support_email):\n    log.info("sent to %s and %s", incident.tactical_group.email, support_email)\n`,
      },
      // Look-alike names: judged by their head word, as in JavaScript.
      { filename, code: `${LOGGING}def f(token_count):\n    log.info("tokens used: %d", token_count)\n` },
      {
        filename,
        code: `${LOGGING}def f(password_reset_requested, is_email_verified):\n    log.info("reset=%s verified=%s", password_reset_requested, is_email_verified)\n`,
      },
      { filename, code: `${STRUCTLOG}def f():\n    log.info("welcome mail", email_sent=True, email_count=3)\n` },
      {
        filename,
        code: `${LOGGING}def f(data):\n    log.info("login", extra={"token_type": data["token_type"], "user_id": 7})\n`,
      },
      { filename, code: `${LOGGING}def f(uid):\n    log.info("signed in", extra={"user_id": uid})\n` },
      // Values made harmless: lengths, truth values, comparisons, conditionals on the secret.
      { filename, code: `${LOGGING}def f(password):\n    log.info("password length %d", len(password))\n` },
      { filename, code: `${LOGGING}def f(token):\n    log.info("has token: %s", bool(token))\n` },
      { filename, code: `${LOGGING}def f(password):\n    log.info("matches: %s", password == "x")\n` },
      { filename, code: `${LOGGING}def f(password):\n    log.info("auth: %s", "password" if password else "none")\n` },
      { filename, code: `${LOGGING}def f(password):\n    log.info("has password: %s", password is not None)\n` },
      // A message that talks about a password carries none.
      { filename, code: `${LOGGING}def f():\n    log.warning("Invalid password for user, please log in again")\n` },
      // Sanitizers, by the same words as in JavaScript.
      { filename, code: `${LOGGING}def f(email):\n    log.info("sent to %s", mask_email(email))\n` },
      { filename, code: `${LOGGING}def f(token):\n    log.info("token %s", redact(token))\n` },
      {
        filename,
        code: `import hashlib\n${LOGGING}def f(password):\n    log.info("digest %s", hashlib.sha256(password.encode()).hexdigest())\n`,
      },
      {
        filename,
        code: `${LOGGING}def f(card_number):\n    log.info("card %s", card_number.replace(card_number[:-4], "****"))\n`,
      },
      // A local that replaces the sensitive value before it is logged.
      { filename, code: `${LOGGING}def f(email):\n    email = mask_email(email)\n    log.info("sent to %s", email)\n` },
      // Identity and request metadata instead of the person and the request.
      { filename, code: `${LOGGING}def f(user):\n    log.info("user %s", user.id)\n` },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("%s %s %s", request.method, request.url.path, request.headers.get("user-agent"))\n`,
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("header names %s", list(request.headers.keys()))\n`,
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("page %s", request.query_params.get("page"))\n`,
      },
      // A whole object of unknown class prints what its __str__ says (often `<User 1>`).
      { filename, code: `${LOGGING}def f(user):\n    log.info("created %s", user)\n` },
      // A model whose fields are not sensitive, and a field of one that is.
      {
        filename,
        code: `import logging\nfrom pydantic import BaseModel\n\nlog = logging.getLogger(__name__)\n\n\nclass Login(BaseModel):\n    username: str\n    remember_me: bool\n\n\ndef f(body: Login):\n    log.info("login %s", body)\n`,
      },
      { filename, code: `${SIGNUP}def f(body: SignUp):\n    log.info("signup %s", body.username)\n` },
      // Sensitive names in calls that are no log.
      {
        filename,
        code: `${LOGGING}def f(email, password):\n    send_email(email)\n    service.info(password)\n    math.log(password)\n`,
      },
      // The logger's name and the log format are no logged values.
      {
        filename,
        code: 'import logging\n\naudit = logging.getLogger("password")\nhandler = logging.StreamHandler()\nhandler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))\n',
      },
      {
        filename,
        code: 'import structlog\n\nstructlog.configure(\n    processors=[structlog.processors.add_log_level, structlog.processors.JSONRenderer()],\n)\n',
      },
      // Shadowed `print` and an unrelated `log` are not sinks.
      { filename, code: 'def f(password):\n    print = collector.append\n    print(password)\n' },
      { filename, code: 'def f(print, secret):\n    print(secret)\n' },
      // Control keywords of the standard library are not written.
      { filename, code: `${LOGGING}def f(token):\n    log.exception("refresh failed", exc_info=True, stacklevel=2)\n` },
      // `print(..., file=...)` writes the arguments, not where they go.
      { filename, code: 'import sys\n\ndef f(secret_file):\n    print("done", file=sys.stderr)\n' },
      // Environment variables that are not secrets.
      {
        filename,
        code: `import os\n${LOGGING}log.info("port %s env %s", os.environ.get("PORT"), os.getenv("APP_ENV"))\n`,
      },
      // A label that is metadata about the secret, not the secret.
      { filename, code: `${LOGGING}def f(key):\n    log.info("api key: %s", key.id)\n` },
      {
        filename,
        code: `${LOGURU}def f(token_expires_in, user):\n    logger.info("token expires in {} s for {}", token_expires_in, user.id)\n`,
      },
      // Keyword arguments that are not sensitive, in structlog and loguru.
      {
        filename,
        code: `${STRUCTLOG}def f(user, request):\n    log.bind(user_id=user.id, path=request.url.path).info("request")\n`,
      },
      { filename, code: `${LOGURU}def f(order):\n    logger.bind(order_id=order.id).info("paid {}", order.total)\n` },
      // Tests and scripts are skipped unless `checkTestFiles` is set.
      {
        filename: '/project/tests/test_auth.py',
        code: `${LOGGING}def test_login(password):\n    log.info("pw %s", password)\n`,
      },
      {
        filename: '/project/app/test_auth.py',
        code: `${LOGGING}def test_login(password):\n    log.info("pw %s", password)\n`,
      },
      // Options: allowed names, categories turned off, extra sanitizers, logs off.
      {
        filename,
        code: `${LOGGING}def f(email):\n    log.info("sent to %s", email)\n`,
        options: [{ allowNames: ['email'] }],
      },
      {
        filename,
        code: `${LOGGING}def f(email, phone):\n    log.info("contact %s %s", email, phone)\n`,
        options: [{ categories: { contact: false } }],
      },
      {
        filename,
        code: `${LOGGING}def f(token):\n    log.info("token %s", tidy(token))\n`,
        options: [{ sanitizers: ['tidy'] }],
      },
      {
        filename,
        code: `${LOGGING}def f(password):\n    log.info("pw %s", password)\n`,
        options: [{ sinks: { logs: false } }],
      },
      // IP addresses are network identity, off by default as in JavaScript.
      { filename, code: `${LOGGING}def f(client_ip):\n    log.info("from %s", client_ip)\n` },
      // Models and loggers imported from the project: a model without sensitive fields, a dict that is no logger.
      {
        filename: routes,
        code: 'from app.schemas import Page\nfrom app.core.log import audit\n\ndef f(page: Page):\n    audit.info("page %s", page)\n',
      },
      {
        filename: routes,
        code: 'from app.core.log import registry\n\ndef f(password):\n    registry.info(password)\n',
      },
      {
        filename: routes,
        code: 'from .schemas import SignUp\nfrom app.core.log import audit\n\ndef f(body: SignUp):\n    audit.info("signup %s", body.username)\n',
      },
      // The whole request prints as `<starlette.requests.Request object>`: only its parts carry data.
      { filename, code: `${LOGGING}async def f(request):\n    log.info("request %s", request)\n` },
      { filename, code: `${LOGGING}async def f(request):\n    log.info("from %s", request.client.host)\n` },
      // More look-alikes: a token URL, a password policy, a verified flag in extra, a length in an f-string.
      { filename, code: `${LOGGING}def f(settings):\n    log.info("token endpoint %s", settings.token_url)\n` },
      {
        filename,
        code: `${LOGGING}def f(policy, user):\n    log.info("policy", extra={"password_policy": policy, "email_verified": user.email_verified})\n`,
      },
      { filename, code: `${LOGGING}def f(token):\n    log.info(f"token has {len(token)} characters")\n` },
      // A constant replaces the secret before it is logged.
      { filename, code: `${LOGGING}def f(password):\n    password = "***"\n    log.info("pw %s", password)\n` },
      // A write after the log call does not reach it.
      {
        filename,
        code: `${LOGGING}def f(t):\n    result = {"ok": True}\n    log.info("result %s", result)\n    result = {"token": t}\n    return result\n`,
      },
      // A structlog processor that drops the password is configuration, not a log call.
      {
        filename,
        code: 'def drop_password(logger, method_name, event_dict):\n    event_dict.pop("password", None)\n    return event_dict\n',
      },
      // loguru with an object of unknown class.
      { filename, code: `${LOGURU}def f(user):\n    logger.info("created {}", user)\n` },
      // A parameter named like a logger but not written to: `log.append` is no level method.
      { filename, code: 'def f(log, password):\n    log.append(password)\n' },
      // Terminal writers with nothing sensitive, and a %-mapping of safe names.
      { filename, code: 'import click\n\ndef f(user):\n    click.echo("Password updated")\n    click.echo(user.id)\n' },
      { filename, code: `${LOGGING}def f(username):\n    log.info("%(user)s logged in", {"user": username})\n` },
      // An ORM object prints as `<User 1>`, not its columns.
      { filename, code: `${ORM}def f(user: User):\n    log.info("saved %s", user)\n` },
      // A module's function is no value: `jwt` the module, `base64.b64encode` of a safe value.
      {
        filename,
        code: `import base64\n${LOGGING}def f(user):\n    log.info("id %s", base64.b64encode(str(user.id).encode()))\n`,
      },
      // A local wrapper that logs only the length, and a wrapper's arguments that are not sensitive.
      { filename, code: `${WRAPPERS}def f(password, user):\n    size_of(password)\n    audit("login", user.id)\n` },
      // A method of the same name is not the local function.
      { filename, code: `${WRAPPERS}def f(self, password):\n    self.audit("login", password)\n` },
      // Pydantic prints a `SecretStr` as `**********`, alone or in its model.
      { filename, code: `${SETTINGS}log.info("key %s, settings %s", settings.api_key, settings)\n` },
      // The query parameters beside the URL they were parsed from, as in JavaScript; headers with Authorization replaced.
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("request", extra={"url": str(request.url), "query": request.query_params})\n`,
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("request", extra={**request.headers, "authorization": "[REDACTED]"})\n`,
      },
      // Telemetry: ids and counts, spans in a file that does not use OpenTelemetry, Sentry turned off.
      {
        filename,
        code: `${OTEL}def f(span, user):\n    span.set_attribute("user.id", user.id)\n    span.set_attribute("token_count", 3)\n`,
      },
      { filename, code: 'def f(span, email):\n    span.set_attribute("email", email)\n' },
      {
        filename,
        code: `${SENTRY}def f(user):\n    sentry_sdk.set_tag("user_id", user.id)\n    sentry_sdk.set_user({"id": user.id})\n`,
      },
      {
        filename,
        code: `${SENTRY}def f(user):\n    sentry_sdk.set_user({"id": user.id, "email": user.email})\n`,
        options: [{ sinks: { errorTracker: false } }],
      },
      // Without the option, `self.audit` is no logger.
      { filename, code: 'class Users:\n    def save(self, password):\n        self.audit.record("saved", password)\n' },
      // A record name in a list comprehension of ids.
      { filename, code: `${LOGGING}def f(users):\n    log.info("ids %s", [u.id for u in users])\n` },
    ],
    invalid: [
      // The standard library: %-args, f-strings, concatenation, % formatting, str.format, extra.
      {
        filename,
        code: `${LOGGING}def f(password):\n    log.info("login with %s", password)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'password', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                data: { subject: 'password' },
                output: `${LOGGING}def f(password):\n    log.info("login with %s", bool(password))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(token):\n    log.debug(f"refreshing with {token}")\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'token', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(token):\n    log.debug(f"refreshing with {bool(token)}")\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(api_key):\n    log.warning("key " + api_key)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'api_key', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(api_key):\n    log.warning("key " + str(bool(api_key)))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(secret):\n    log.error("secret %s" % secret)\n`,
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(secret):\n    log.error("secret %s" % bool(secret))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(email):\n    log.info("mail to {}".format(email))\n`,
        errors: [
          { messageId: 'sensitive', data: { subject: 'email', category: CONTACT, through: '' }, suggestions: [] },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(password, uid):\n    log.info("login", extra={"password": password, "user_id": uid})\n`,
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeProperty',
                data: { key: 'password' },
                output: `${LOGGING}def f(password, uid):\n    log.info("login", extra={"user_id": uid})\n`,
              },
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(password, uid):\n    log.info("login", extra={"password": bool(password), "user_id": uid})\n`,
              },
            ],
          },
        ],
      },
      // The dict key labels a value whose own name says nothing.
      {
        filename,
        code: `${LOGGING}def f(value):\n    log.info("saved", extra={"user_id": 1, "email": value})\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'email', category: CONTACT, through: '' },
            suggestions: [
              {
                messageId: 'removeProperty',
                data: { key: 'email' },
                output: `${LOGGING}def f(value):\n    log.info("saved", extra={"user_id": 1})\n`,
              },
            ],
          },
        ],
      },
      // A label before the placeholder marks the value.
      {
        filename,
        code: `${LOGGING}def f(value):\n    log.info("password=%s", value)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'value', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(value):\n    log.info("password=%s", bool(value))\n`,
              },
            ],
          },
        ],
      },
      // `logger.log(level, msg, *args)` and the module-level functions.
      {
        filename,
        code: 'import logging\n\ndef f(pin):\n    logging.log(logging.INFO, "pin %s", pin)\n',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'import logging\n\ndef f(pin):\n    logging.log(logging.INFO, "pin %s", bool(pin))\n',
              },
            ],
          },
        ],
      },
      {
        filename,
        code: 'import logging as lg\n\ndef f(ssn):\n    lg.exception("lookup failed for %s", ssn)\n',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'ssn', category: 'government ID', through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'import logging as lg\n\ndef f(ssn):\n    lg.exception("lookup failed for %s", bool(ssn))\n',
              },
            ],
          },
        ],
      },
      // An argument beyond the placeholders can be dropped.
      {
        filename,
        code: `${LOGGING}def f(session_id):\n    log.info("logged out", session_id)\n`,
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeArgument', output: `${LOGGING}def f(session_id):\n    log.info("logged out")\n` },
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(session_id):\n    log.info("logged out", bool(session_id))\n`,
              },
            ],
          },
        ],
      },
      // Aliases in the same function, dict literals passed on, `**kwargs`.
      {
        filename,
        code: `${LOGGING}def f(body):\n    pw = body["password"]\n    log.info("pw %s", pw)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'pw', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def f(body):\n    pw = body["password"]\n    log.info("pw %s", bool(pw))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(user):\n    contact = user.phone_number\n    log.info("calling %s", contact)\n`,
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'contact', origin: 'user.phone_number', category: CONTACT, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${STRUCTLOG}def f(user):\n    data = {"email": user.email, "id": user.id}\n    log.info("saved", **data)\n`,
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'data', origin: 'user.email', category: CONTACT, through: '' },
            suggestions: [
              {
                messageId: 'removeArgument',
                data: { subject: '**data' },
                output: `${STRUCTLOG}def f(user):\n    data = {"email": user.email, "id": user.id}\n    log.info("saved")\n`,
              },
            ],
          },
        ],
      },
      // structlog: keyword arguments, bind/new, contextvars, the event string.
      {
        filename,
        code: `${STRUCTLOG}def f(address):\n    log.info("signup", email=address, plan="pro")\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'email', category: CONTACT, through: '' },
            suggestions: [
              {
                messageId: 'removeKeyword',
                data: { key: 'email' },
                output: `${STRUCTLOG}def f(address):\n    log.info("signup", plan="pro")\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${STRUCTLOG}def f(token):\n    bound = log.bind(access_token=token)\n    bound.info("refreshed")\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'token', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'removeKeyword',
                data: { key: 'access_token' },
                output: `${STRUCTLOG}def f(token):\n    bound = log.bind()\n    bound.info("refreshed")\n`,
              },
              {
                messageId: 'logPresence',
                output: `${STRUCTLOG}def f(token):\n    bound = log.bind(access_token=bool(token))\n    bound.info("refreshed")\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${STRUCTLOG}def f(user):\n    log.new(phone=user.phone).info("sms sent")\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.phone', category: CONTACT, through: '' },
            suggestions: [
              { messageId: 'removeKeyword', output: `${STRUCTLOG}def f(user):\n    log.new().info("sms sent")\n` },
            ],
          },
        ],
      },
      {
        filename,
        code: 'from structlog.contextvars import bind_contextvars\n\ndef f(request, user):\n    bind_contextvars(request_id=request.state.id, email=user.email)\n',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeKeyword',
                output:
                  'from structlog.contextvars import bind_contextvars\n\ndef f(request, user):\n    bind_contextvars(request_id=request.state.id)\n',
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${STRUCTLOG}def f(email):\n    log.info(f"password reset sent to {email}")\n`,
        errors: [
          { messageId: 'sensitive', data: { subject: 'email', category: CONTACT, through: '' }, suggestions: [] },
        ],
      },
      // loguru: {} arguments, keywords, bind, opt.
      {
        filename,
        code: `${LOGURU}def f(card_number):\n    logger.info("charging {}", card_number)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'card_number', category: 'financial data', through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGURU}def f(card_number):\n    logger.info("charging {}", bool(card_number))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGURU}def f(user):\n    logger.bind(email=user.email).info("welcome")\n`,
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              { messageId: 'removeKeyword', output: `${LOGURU}def f(user):\n    logger.bind().info("welcome")\n` },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGURU}def f(password):\n    logger.opt(lazy=True).debug("checking {pw}", pw=password)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'password', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'removeKeyword',
                data: { key: 'pw' },
                output: `${LOGURU}def f(password):\n    logger.opt(lazy=True).debug("checking {pw}")\n`,
              },
              {
                messageId: 'logPresence',
                output: `${LOGURU}def f(password):\n    logger.opt(lazy=True).debug("checking {pw}", pw=bool(password))\n`,
              },
            ],
          },
        ],
      },
      // print is a sink, as console is in JavaScript; the argument before labels the next one.
      {
        filename,
        code: 'def f(value):\n    print("password:", value)\n',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'value', category: CREDENTIAL, through: '' },
            suggestions: [
              { messageId: 'removeArgument', output: 'def f(value):\n    print("password:")\n' },
              { messageId: 'logPresence', output: 'def f(value):\n    print("password:", bool(value))\n' },
            ],
          },
        ],
      },
      // Pydantic models: the whole body, its dumps, vars(); a sensitive field.
      {
        filename,
        code: `${SIGNUP}def f(body: SignUp):\n    log.info("signup %s", body)\n`,
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'body',
              fields: `\`email\` (${CONTACT}) and \`password\` (${CREDENTIAL})`,
              verb: 'are',
              through: '',
              category: CONTACT,
            },
            suggestions: [
              {
                messageId: 'logId',
                data: { subject: 'body' },
                output: `${SIGNUP}def f(body: SignUp):\n    log.info("signup %s", body.id)\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${SIGNUP}def f(body: SignUp):\n    log.info("signup", extra={"body": body.model_dump()})\n`,
        errors: [
          {
            messageId: 'sensitiveFields',
            suggestions: [
              {
                messageId: 'removeProperty',
                output: `${SIGNUP}def f(body: SignUp):\n    log.info("signup", extra={})\n`,
              },
              {
                messageId: 'logId',
                output: `${SIGNUP}def f(body: SignUp):\n    log.info("signup", extra={"body": body.id})\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${SIGNUP}def f(data):\n    body = SignUp(**data)\n    log.info("signup %s", vars(body))\n`,
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'vars(body)',
              fields: `\`email\` (${CONTACT}) and \`password\` (${CREDENTIAL})`,
              verb: 'are',
              through: '',
              category: CONTACT,
            },
            suggestions: [
              {
                messageId: 'logId',
                output: `${SIGNUP}def f(data):\n    body = SignUp(**data)\n    log.info("signup %s", body.id)\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${SIGNUP}def f(body: SignUp):\n    log.info("signup %s", body.password)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'body.password', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${SIGNUP}def f(body: SignUp):\n    log.info("signup %s", bool(body.password))\n`,
              },
            ],
          },
        ],
      },
      // A person record serialised whole.
      {
        filename,
        code: `${LOGGING}def f(user):\n    log.info("saved %s", user.dict())\n`,
        errors: [
          {
            messageId: 'personRecord',
            data: { subject: 'user.dict()', category: CONTACT, through: '' },
            suggestions: [
              { messageId: 'logId', output: `${LOGGING}def f(user):\n    log.info("saved %s", user.id)\n` },
            ],
          },
        ],
      },
      // Requests: headers (whole or Authorization/Cookie), cookies, the body, query parameters.
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("headers %s", request.headers)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.headers', category: REQUEST, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("auth %s", request.headers["Authorization"])\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.headers["Authorization"]', category: SESSION, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}async def f(request):\n    log.info("auth %s", bool(request.headers["Authorization"]))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("cookie %s", request.headers.get("cookie"))\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.headers.get("cookie")', category: SESSION, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}async def f(request):\n    log.info("cookie %s", bool(request.headers.get("cookie")))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("cookies %s", dict(request.cookies))\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.cookies', category: REQUEST, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    payload = await request.json()\n    log.info("payload %s", payload)\n`,
        errors: [
          {
            messageId: 'sensitiveAlias',
            data: { subject: 'payload', origin: 'request.json()', category: REQUEST, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.debug("raw %s", await request.body())\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.body()', category: REQUEST, through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}async def f(request):\n    log.info("query %s", request.query_params)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.query_params', category: REQUEST, through: '' },
            suggestions: [],
          },
        ],
      },
      // Loggers kept on the instance, and the environment.
      {
        filename,
        code: 'import logging\n\n\nclass Users:\n    def __init__(self):\n        self.audit = logging.getLogger("audit")\n\n    def save(self, user):\n        self.audit.info("saved %s", user.email)\n',
        errors: [
          { messageId: 'sensitive', data: { subject: 'user.email', category: CONTACT, through: '' }, suggestions: [] },
        ],
      },
      {
        filename,
        code: `import os\n${LOGGING}log.info("db %s", os.environ["DATABASE_URL"])\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'os.environ["DATABASE_URL"]', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `import os\n${LOGGING}log.info("db %s", bool(os.environ["DATABASE_URL"]))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `import os\n${LOGGING}log.debug("env %s", os.environ)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'os.environ', category: 'environment that holds secrets', through: '' },
            suggestions: [],
          },
        ],
      },
      // A logger imported from the project, known by its name as in JavaScript.
      {
        filename,
        code: 'from app.core.logging import logger\n\ndef f(refresh_token):\n    logger.info("refresh %s", refresh_token)\n',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'logPresence',
                output:
                  'from app.core.logging import logger\n\ndef f(refresh_token):\n    logger.info("refresh %s", bool(refresh_token))\n',
              },
            ],
          },
        ],
      },
      // Options: extra sensitive names, configured loggers, the project's redactor, test files.
      {
        filename,
        code: `${LOGGING}def f(member_number):\n    log.info("member %s", member_number)\n`,
        options: [{ extraSensitiveNames: [{ name: 'memberNumber', category: 'health' }] }],
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'member_number', category: 'health data', through: '' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: 'def f(track, password):\n    track("login", password)\n    audit.record(password)\n',
        options: [{ loggers: ['track', 'audit'] }],
        errors: [
          {
            messageId: 'sensitive',
            line: 2,
            suggestions: [
              {
                messageId: 'removeArgument',
                output: 'def f(track, password):\n    track("login")\n    audit.record(password)\n',
              },
              {
                messageId: 'logPresence',
                output: 'def f(track, password):\n    track("login", bool(password))\n    audit.record(password)\n',
              },
            ],
          },
          {
            messageId: 'sensitive',
            line: 3,
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'def f(track, password):\n    track("login", password)\n    audit.record(bool(password))\n',
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(email):\n    log.info("sent to %s", email)\n`,
        options: [{ redactor: { name: 'scrub_pii', import: 'app.privacy' } }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'wrapInRedactor',
                data: { subject: 'email', redactor: 'scrub_pii' },
                output: `import logging\nfrom app.privacy import scrub_pii\n\nlog = logging.getLogger(__name__)\n\ndef f(email):\n    log.info("sent to %s", scrub_pii(email))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def redact(value):\n    return "***"\n\ndef f(phone):\n    log.info("sms to %s", phone)\n`,
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'wrapInRedactor',
                output: `${LOGGING}def redact(value):\n    return "***"\n\ndef f(phone):\n    log.info("sms to %s", redact(phone))\n`,
              },
            ],
          },
        ],
      },
      {
        filename: '/project/tests/test_auth.py',
        code: `${LOGGING}def test_login(password):\n    log.info("pw %s", password)\n`,
        options: [{ checkTestFiles: true }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${LOGGING}def test_login(password):\n    log.info("pw %s", bool(password))\n`,
              },
            ],
          },
        ],
      },
      // Models imported from the project (with inherited fields), loggers created in another module.
      {
        filename: routes,
        code: 'from app.schemas import SignUp\nfrom app.core.log import audit\n\ndef f(body: SignUp):\n    audit.info("signup %s", body.model_dump())\n',
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'body.model_dump()',
              fields: `\`email\` (${CONTACT}) and \`password\` (${CREDENTIAL})`,
              verb: 'are',
              through: '',
              category: CONTACT,
            },
            suggestions: [
              {
                messageId: 'logId',
                output:
                  'from app.schemas import SignUp\nfrom app.core.log import audit\n\ndef f(body: SignUp):\n    audit.info("signup %s", body.id)\n',
              },
            ],
          },
        ],
      },
      {
        filename: routes,
        code: 'from app.core.log import events\n\ndef f(user):\n    events.info("signup", phone=user.phone)\n',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.phone', category: CONTACT, through: '' },
            suggestions: [
              {
                messageId: 'removeKeyword',
                output: 'from app.core.log import events\n\ndef f(user):\n    events.info("signup")\n',
              },
            ],
          },
        ],
      },
      // A module-level logger of any name, and stdout.
      {
        filename,
        code: 'import logging\n\naudit = logging.getLogger("audit")\n\ndef f(user):\n    audit.info("login %s", user.email)\n',
        errors: [
          { messageId: 'sensitive', data: { subject: 'user.email', category: CONTACT, through: '' }, suggestions: [] },
        ],
      },
      {
        filename,
        code: 'import sys\n\ndef f(token):\n    sys.stdout.write(f"token={token}\\n")\n',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'logPresence',
                output: 'import sys\n\ndef f(token):\n    sys.stdout.write(f"token={bool(token)}\\n")\n',
              },
            ],
          },
        ],
      },
      // A dict entry spread into extra.
      {
        filename,
        code: `${LOGGING}def f(request):\n    log.info("req", extra={**request.headers, "path": request.url.path})\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'request.headers', category: REQUEST, through: '' },
            suggestions: [
              {
                messageId: 'removeProperty',
                data: { key: '**request.headers' },
                output: `${LOGGING}def f(request):\n    log.info("req", extra={"path": request.url.path})\n`,
              },
            ],
          },
        ],
      },
      // click.echo writes to the terminal like print; a %-mapping's key labels its value.
      {
        filename,
        code: 'import click\n\ndef f(secret):\n    click.echo(secret)\n',
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'secret', category: CREDENTIAL, through: '' },
            suggestions: [
              { messageId: 'logPresence', output: 'import click\n\ndef f(secret):\n    click.echo(bool(secret))\n' },
            ],
          },
        ],
      },
      {
        filename,
        code: `${LOGGING}def f(addr):\n    log.info("mail to %(email)s", {"email": addr})\n`,
        // Removing the key would break the message's placeholder: no suggestion for contact data.
        errors: [
          { messageId: 'sensitive', data: { subject: 'email', category: CONTACT, through: '' }, suggestions: [] },
        ],
      },
      // An ORM object written out column by column; a dataclass printed whole (its repr lists the fields).
      {
        filename,
        code: `${ORM}def f(user: User):\n    log.info("saved %s", vars(user))\n`,
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'vars(user)',
              fields: `\`email\` (${CONTACT})`,
              verb: 'is',
              through: '',
              category: CONTACT,
            },
            suggestions: [
              { messageId: 'logId', output: `${ORM}def f(user: User):\n    log.info("saved %s", user.id)\n` },
            ],
          },
        ],
      },
      {
        filename,
        code: 'import logging\nfrom dataclasses import dataclass\n\nlog = logging.getLogger(__name__)\n\n\n@dataclass\nclass Payment:\n    amount: int\n    iban: str\n\n\ndef f(payment: Payment):\n    log.info("paying %s", payment)\n',
        errors: [
          {
            messageId: 'sensitiveFields',
            data: {
              subject: 'payment',
              fields: '`iban` (financial data)',
              verb: 'is',
              through: '',
              category: 'financial data',
            },
            suggestions: [],
          },
        ],
      },
      // A token minted by the call.
      {
        filename,
        code: `import jwt\n${LOGGING}def f(claims, key):\n    log.debug("issued %s", jwt.encode(claims, key))\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'jwt.encode()', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `import jwt\n${LOGGING}def f(claims, key):\n    log.debug("issued %s", bool(jwt.encode(claims, key)))\n`,
              },
            ],
          },
        ],
      },
      // A parameter annotated as a structlog logger, with the async API.
      {
        filename,
        code: 'import structlog\n\nasync def f(log: structlog.stdlib.BoundLogger, password):\n    await log.ainfo("checking", password=password)\n',
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeKeyword',
                output:
                  'import structlog\n\nasync def f(log: structlog.stdlib.BoundLogger, password):\n    await log.ainfo("checking")\n',
              },
              {
                messageId: 'logPresence',
                output:
                  'import structlog\n\nasync def f(log: structlog.stdlib.BoundLogger, password):\n    await log.ainfo("checking", password=bool(password))\n',
              },
            ],
          },
        ],
      },
      // Local wrappers that pass a parameter on to a log, by position or keyword, and wrappers of wrappers.
      {
        filename,
        code: `${WRAPPERS}def f(password):\n    audit("login", password)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'password', category: CREDENTIAL, through: ' through `audit()`' },
            suggestions: [
              { messageId: 'logPresence', output: `${WRAPPERS}def f(password):\n    audit("login", bool(password))\n` },
            ],
          },
        ],
      },
      {
        filename,
        code: `${WRAPPERS}def f(user):\n    audit("login", data=user.email)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'user.email', category: CONTACT, through: ' through `audit()`' },
            suggestions: [],
          },
        ],
      },
      {
        filename,
        code: `${WRAPPERS}def audit_login(what):\n    audit("login", what)\n\n\ndef f(token):\n    audit_login(token)\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'token', category: CREDENTIAL, through: ' through `audit_login()`' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${WRAPPERS}def audit_login(what):\n    audit("login", what)\n\n\ndef f(token):\n    audit_login(bool(token))\n`,
              },
            ],
          },
        ],
      },
      // ...but not what `get_secret_value()` returns.
      {
        filename,
        code: `${SETTINGS}log.info("key %s", settings.api_key.get_secret_value())\n`,
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'settings.api_key.get_secret_value()', category: CREDENTIAL, through: '' },
            suggestions: [
              {
                messageId: 'logPresence',
                output: `${SETTINGS}log.info("key %s", bool(settings.api_key.get_secret_value()))\n`,
              },
            ],
          },
        ],
      },
      // Telemetry sinks, as in JavaScript: span attributes and events, baggage, Sentry.
      {
        filename,
        code: `${OTEL}def f(user):\n    span = trace.get_current_span()\n    span.set_attribute("user.email", user.email)\n    span.set_attribute("user.id", user.id)\n`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.email',
              category: CONTACT,
              destination: 'written to a span attribute (exported to the trace backend)',
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'user.email', target: 'the span' },
                output: `${OTEL}def f(user):\n    span = trace.get_current_span()\n    span.set_attribute("user.id", user.id)\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${OTEL}def f(token):\n    with tracer.start_as_current_span("refresh") as span:\n        span.add_event("refreshed", attributes={"token": token, "ok": True})\n`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'token',
              category: CREDENTIAL,
              destination: 'written to a span event (exported to the trace backend)',
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'token', target: 'the span' },
                output: `${OTEL}def f(token):\n    with tracer.start_as_current_span("refresh") as span:\n        span.add_event("refreshed", attributes={"ok": True})\n`,
              },
              {
                messageId: 'sendPresence',
                output: `${OTEL}def f(token):\n    with tracer.start_as_current_span("refresh") as span:\n        span.add_event("refreshed", attributes={"token": bool(token), "ok": True})\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${SENTRY}def f(user, token):\n    if token:\n        sentry_sdk.set_tag("auth_token", token)\n`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'token',
              category: CREDENTIAL,
              destination: 'sent to Sentry as a tag (indexed for search)',
              through: '',
            },
            suggestions: [
              { messageId: 'stopSending', output: `${SENTRY}def f(user, token):\n    if token:\n        pass\n` },
              {
                messageId: 'sendPresence',
                output: `${SENTRY}def f(user, token):\n    if token:\n        sentry_sdk.set_tag("auth_token", bool(token))\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `${SENTRY}def f(request):\n    with sentry_sdk.configure_scope() as scope:\n        scope.set_context("request", {"headers": request.headers, "path": request.url.path})\n`,
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'request.headers',
              category: REQUEST,
              destination: 'sent to Sentry as context',
              through: '',
            },
            suggestions: [
              {
                messageId: 'stopSending',
                data: { subject: 'headers', target: 'Sentry' },
                output: `${SENTRY}def f(request):\n    with sentry_sdk.configure_scope() as scope:\n        scope.set_context("request", {"path": request.url.path})\n`,
              },
            ],
          },
        ],
      },
      {
        filename,
        code: `import sentry_sdk\nfrom opentelemetry import baggage\n\ndef f(user):\n    ctx = baggage.set_baggage("user.email", user.email)\n    sentry_sdk.capture_message(f"signup failed for {user.phone}")\n`,
        options: [{ sinks: { logs: false } }],
        errors: [
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.email',
              category: CONTACT,
              destination: 'put in OpenTelemetry baggage (sent in the `baggage` header to every service downstream)',
              through: '',
            },
            suggestions: [],
          },
          {
            messageId: 'telemetrySensitive',
            data: {
              subject: 'user.phone',
              category: CONTACT,
              destination: 'sent to Sentry as the event message',
              through: '',
            },
            suggestions: [],
          },
        ],
      },
      // A JavaScript-style `this.audit` in `loggers` names `self.audit` in Python.
      {
        filename,
        code: 'class Users:\n    def save(self, password):\n        self.audit.record("saved", password)\n',
        options: [{ loggers: ['this.audit'] }],
        errors: [
          {
            messageId: 'sensitive',
            suggestions: [
              {
                messageId: 'removeArgument',
                output: 'class Users:\n    def save(self, password):\n        self.audit.record("saved")\n',
              },
              {
                messageId: 'logPresence',
                output:
                  'class Users:\n    def save(self, password):\n        self.audit.record("saved", bool(password))\n',
              },
            ],
          },
        ],
      },
      // Network identity when turned on.
      {
        filename,
        code: `${LOGGING}def f(client_ip):\n    log.info("from %s", client_ip)\n`,
        options: [{ categories: { network: true } }],
        errors: [
          {
            messageId: 'sensitive',
            data: { subject: 'client_ip', category: 'network identity', through: '' },
            suggestions: [],
          },
        ],
      },
    ],
  });
});
