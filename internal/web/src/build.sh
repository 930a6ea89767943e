#!/usr/bin/env bash
# Rebuilds the front-end assets embedded in the blocwatch binary from
# package.json and package-lock.json (exact versions):
#   ../static/app.js               the charts and maps, bundled and minified by esbuild
#   ../static/countries-50m.json.gz Natural Earth country shapes (world-atlas), gzip
# Usage: internal/web/src/build.sh  (needs node and npm; CI does not run it)
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx esbuild main.js --bundle --minify --format=esm --target=es2020 \
  --legal-comments=none --outfile=../static/app.js
# The country shapes: world-atlas's 1:50m TopoJSON, without its "land"
# object (unused), gzip-compressed; the server sends it as it is to clients
# that accept gzip.
node -e '
const fs = require("fs"), zlib = require("zlib");
const topo = JSON.parse(fs.readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
delete topo.objects.land;
const out = zlib.gzipSync(Buffer.from(JSON.stringify(topo)), {level: 9});
fs.writeFileSync("../static/countries-50m.json.gz", out);
'
ls -l ../static/app.js ../static/countries-50m.json.gz
