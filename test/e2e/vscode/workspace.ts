import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers';

const APP =
  "import express from 'express';\nimport { users } from './users';\n\nconst app = express();\napp.use('/users', users);\napp.get('/orders/:id', async (req, res) => {\n  res.json({ id: req.params.id });\n});\napp.listen(3000);\n";
const USERS =
  "import { Router } from 'express';\n\ndeclare const db: { find(id: string): Promise<unknown> };\nexport const users = Router();\nusers.get('/:id', async (req, res) => {\n  const user = await db.find(req.params.id);\n  res.json(user);\n});\n";
const LOGIN =
  "import pino from 'pino';\nconst logger = pino();\nexport function login(password: string) {\n  logger.info({ password }, 'login');\n}\n";
const AUTH_PY =
  'import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef login(user_id: int, password: str) -> None:\n    log.info("login", extra={"user_id": user_id, "password": password})\n';
/** The README's setup: TypeScript, the recommended rules, and Python after the one await that loads its grammar. */
const CONFIG =
  "import tsParser from '@typescript-eslint/parser';\nimport observability from 'eslint-plugin-observability';\n\nawait observability.languages.python.load();\n\nexport default [\n  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },\n  observability.configs.recommended,\n  observability.configs.python,\n  { rules: { 'observability/no-pii-in-logs': 'warn' } },\n];\n";

/**
 * A service workspace inside the repository's out/ (so its eslint.config.mjs resolves ESLint and the plugin from the
 * repository's node_modules, as a project that installed them would).
 */
export function serviceWorkspace(name: string): string {
  const root = path.join(repoRoot(), 'out', 'test', 'vscode-workspaces', name);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'shop',
        private: true,
        type: 'module',
        dependencies: { express: '^5.0.0', pino: '^10.0.0', 'prom-client': '^15.0.0' },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(root, 'eslint.config.mjs'), CONFIG);
  fs.writeFileSync(path.join(root, 'src', 'app.ts'), APP);
  fs.writeFileSync(path.join(root, 'src', 'users.ts'), USERS);
  fs.writeFileSync(path.join(root, 'src', 'login.ts'), LOGIN);
  fs.writeFileSync(path.join(root, 'src', 'auth.py'), AUTH_PY);
  return root;
}
