#!/bin/sh
# Creates (or, run again, finds) the two scoped Meilisearch keys the application uses, with the master key,
# and prints them as lines for the .env file beside docker/compose.yml:
#   MEILI_SEARCH_KEY  servers: search the programmes index, read its stats
#   MEILI_WRITE_KEY   the worker and the CLI: documents, settings, index create/swap/delete, tasks of programmes*
# The master key stays with Meilisearch and this step; the application never gets it.
# Run: docker compose --profile setup run --rm meilisearch-keys >> .env
set -eu
: "${MEILI_MASTER_KEY:?set MEILI_MASTER_KEY}"
url=${MEILI_URL:-http://meilisearch:7700}
here=$(dirname "$0")

key() { # name, definition file: prints the key's value
  uid=$(sed -n 's/.*"uid": *"\([^"]*\)".*/\1/p' "$2")
  # a key with this uid made by an earlier run is found, not made twice
  if ! curl -fsS -H "Authorization: Bearer $MEILI_MASTER_KEY" "$url/keys/$uid" >/tmp/key.json 2>/dev/null; then
    curl -fsS -X POST -H "Authorization: Bearer $MEILI_MASTER_KEY" -H 'Content-Type: application/json' \
      --data-binary "@$2" "$url/keys" >/tmp/key.json
  fi
  value=$(sed -n 's/.*"key": *"\([^"]*\)".*/\1/p' /tmp/key.json)
  [ -n "$value" ] || { echo "could not create the $1 key: $(cat /tmp/key.json)" >&2; exit 1; }
  echo "$1=$value"
}

key MEILI_SEARCH_KEY "$here/search.json"
key MEILI_WRITE_KEY "$here/write.json"
