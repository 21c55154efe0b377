#!/bin/sh
# Run by modules/secret-seed.bicep (an Azure CLI deployment script) on every provision. For each name in
# SECRET_NAMES: when VAULT_NAME has no secret of that name, set one to base64 of 32 random bytes; otherwise leave it.
# Never prints a secret value: `az keyvault secret set` runs with --output none and the value goes through a file.
set -eu

# A role assignment made in the same deployment can take minutes to reach Key Vault: retry the listing, never guess.
list_names() {
  attempt=1
  while ! az keyvault secret list --vault-name "$VAULT_NAME" --query "[].id" --output tsv >/tmp/secret-ids 2>/tmp/list-error; do
    if [ "$attempt" -ge 30 ]; then
      cat /tmp/list-error >&2
      echo "cannot list the secrets of $VAULT_NAME (is the seeder role assigned?)" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 20
  done
}

list_names
umask 077
for name in $SECRET_NAMES; do
  if grep -q "/secrets/$name\$" /tmp/secret-ids; then
    echo "$name exists in $VAULT_NAME: kept"
    continue
  fi
  python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode(), end="")' >/tmp/secret-value
  # Fails (and so fails the deployment) if a soft-deleted secret of that name exists: recover it, never replace it.
  az keyvault secret set --vault-name "$VAULT_NAME" --name "$name" --file /tmp/secret-value --encoding utf-8 \
    --content-type "base64 key (32 random bytes)" --output none
  rm -f /tmp/secret-value
  echo "$name created in $VAULT_NAME"
done
