#!/bin/sh
# Assembles code-server (a real VS Code server with a Node extension host) from the npm registry alone.
# `npm install code-server` does not work offline: @vscode/ripgrep's install script downloads rg, so the
# package is unpacked, its VS Code dependencies installed without scripts, native modules rebuilt, and
# Debian's ripgrep used. Needs (apt): g++ make python3 libkrb5-dev ripgrep.
# Usage: install-code-server.sh DEST [VERSION]   (4.100.3: VS Code 1.100.3, the last release on Node 20)
set -eu
DEST=${1:?usage: install-code-server.sh DEST [VERSION]}
VERSION=${2:-4.100.3}
if [ -f "$DEST/package/.observability-ready" ]; then
  echo "code-server $VERSION already in $DEST"
  exit 0
fi
mkdir -p "$DEST"
cd "$DEST"
npm pack "code-server@$VERSION" --silent >/dev/null
rm -rf package
tar xzf "code-server-$VERSION.tgz"
cd package/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent
# Build what has install scripts or bindings, except ripgrep (downloads) and Windows-only packages.
NATIVE=$(node -e '
const fs = require("fs"), path = require("path");
const found = [];
const scan = (dir) => {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (name.startsWith("@")) { scan(full); continue; }
    let manifest;
    try { manifest = JSON.parse(fs.readFileSync(path.join(full, "package.json"), "utf8")); } catch { continue; }
    const scripts = manifest.scripts || {};
    if ((scripts.install || scripts.postinstall || scripts.preinstall || fs.existsSync(path.join(full, "binding.gyp"))) && !/ripgrep|windows/.test(manifest.name)) found.push(manifest.name);
  }
};
scan("node_modules");
console.log(found.join(" "));')
# node-pty's postinstall fails after building pty.node (npx node-gyp with yes=false): the module is what matters.
npm rebuild $NATIVE --foreground-scripts >/dev/null 2>&1 || true
ls node_modules/node-pty/build/Release/pty.node node_modules/node-pty/prebuilds/linux-x64/pty.node 2>/dev/null | grep -q pty.node
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev --no-audit --no-fund --silent)
cd ../..
npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent
npm rebuild argon2 --foreground-scripts >/dev/null 2>&1
touch .observability-ready
echo "code-server $VERSION ready in $DEST"
