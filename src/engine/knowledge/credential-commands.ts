import { optionValue, staticOption } from '../shell/command-args.js';
import type { SimpleCommand } from '../shell/types.js';
import { openstackWords } from './private-cloud.js';
import { hasAllArgs, operands } from '../rule.js';

/** GitLab API paths that list CI/CD variables with their values: a project's, a group's, the instance's. */
// and Jenkins' credential stores, which list every stored credential over the JSON API
const CI_SECRET_STORES = /\/api\/v4\/(?:(?:projects|groups)\/[^/?#\s]+|admin\/ci)\/variables(?:[/?#]|$)|\/credentials\/store\/[^/?#\s]+\/domain\/[^/?#\s]+\/(?:api\/json|credential\/)/;

/** pass's and gopass's own verbs, which list, search, change or sync the store; any other single word is an entry it prints. */
const STORE_VERBS = new Set(['ls', 'list', 'find', 'search', 'mounts', 'config', 'version', 'sync', 'init', 'git', 'audit', 'fsck', 'setup', 'templates', 'recipients', 'completion', 'update', 'help', 'history', 'insert', 'edit', 'rm', 'mv', 'cp', 'clone', 'generate']);
/** CLI invocations that print a credential to stdout: the token itself, not a file holding it. */
export function printedCredential(c: SimpleCommand): string | undefined {
  const a = c.argv;
  switch (c.name) {
    case 'gpg': case 'gpg2': return a.some((w) => w === '--export-secret-keys' || w === '--export-secret-subkeys') ? 'private PGP keys' : undefined;
    case 'kubectl': case 'oc': return (hasAllArgs(c, 'config', 'view') && a.some((w) => w === '--raw' || w === '--flatten')) || (hasAllArgs(c, 'get') && a.some((w) => /^secrets?$/.test(w) || w.startsWith('secret/'))) ? 'Kubernetes credentials' : undefined;
    // and the tokens the API mints: a self-hosted runner's registration, an app installation's access token
    case 'gh': return hasAllArgs(c, 'auth', 'token') || (hasAllArgs(c, 'auth', 'status') && a.includes('--show-token')) || (a[1] === 'api' && a.some((w) => /actions\/runners\/(?:registration|remove)-token|installations\/\d+\/access_tokens/.test(w))) ? 'GitHub token' : undefined;
    case 'glab': return (hasAllArgs(c, 'auth', 'status') && a.includes('--show-token')) || hasAllArgs(c, 'variable', 'get') || hasAllArgs(c, 'variable', 'export') ? 'GitLab token or CI/CD variables' : undefined;
    // GitLab's API answers with CI/CD variables' values (GitHub's never shows a secret's value)
    case 'curl': case 'wget': case 'http': case 'https': case 'xh':
      // GitHub Actions mints the job's OIDC token at the URL it gives the job: the answer is a token clouds accept
      if (a.some((w) => /^\$\{?ACTIONS_ID_TOKEN_REQUEST_URL\b/.test(w))) return 'GitHub Actions OIDC token';
      return a.some((w) => w.length < 2048 && CI_SECRET_STORES.test(w)) && !a.some((w, k) => (/^(-X|--request|--method)$/.test(a[k - 1] ?? '') && w.toUpperCase() !== 'GET') || /^-X(?!GET$)./.test(w) || /^(-d|--data|--data-raw|--form|-F)$/.test(w)) ? 'CI/CD variables or stored credentials' : undefined;
    // (a remote state file printed from its bucket and filtered for secrets: `aws s3 cp s3://…/terraform.tfstate - | grep password`)
    case 'aws': if (a[1] === 's3' && a[2] === 'cp' && a.includes('-') && a.some((w) => /^s3:\/\/\S{1,1024}\.tfstate$/.test(w)) && filteredForSecrets(c)) return 'Terraform state secrets';
      // (and a Lambda function's environment, where its keys are kept, and API Gateway's keys with their values)
      return (hasAllArgs(c, 'lambda') && (a.includes('get-function-configuration') || a.includes('get-function')) && a.some((w) => /^Environment(?:\.Variables)?$/.test(w))) || hasAllArgs(c, 'configure', 'export-credentials') || hasAllArgs(c, 'get-session-token') || hasAllArgs(c, 'get-login-password') || (hasAllArgs(c, 'configure', 'get') && a.some((w) => /secret|key/i.test(w))) || (hasAllArgs(c, 'secretsmanager', 'get-secret-value')) || ((hasAllArgs(c, 'ssm', 'get-parameter') || hasAllArgs(c, 'ssm', 'get-parameters') || hasAllArgs(c, 'ssm', 'get-parameters-by-path')) && a.includes('--with-decryption')) || (hasAllArgs(c, 'apigateway') && (a.includes('get-api-keys') || a.includes('get-api-key')) && a.includes('--include-values')) ? 'AWS credentials' : undefined;
    case 'gcloud': return a.some((w) => w === 'print-access-token' || w === 'print-identity-token') || hasAllArgs(c, 'secrets', 'versions', 'access') ? 'Google Cloud token' : undefined;
    // grant-access answers with a SAS URL that downloads the whole disk or snapshot; generate-sas the same for storage
    // (and a cluster's kubeconfig written to stdout, a registry's password, a database's or storage account's keys,
    // an IoT hub's or device's connection string, a service's keys, a web app's publishing password)
    case 'az': return hasAllArgs(c, 'get-access-token') || (hasAllArgs(c, 'aks', 'get-credentials') && optionValue(a, ['--file', '-f']) === '-') || hasAllArgs(c, 'acr', 'credential', 'show') || (a.includes('keys') && a.includes('list')) || a.some((w) => /^(?:show-connection-string|list-connection-strings|list-keys|list-publishing-(?:credentials|profiles))$/.test(w)) || hasAllArgs(c, 'connection-string', 'show') || (hasAllArgs(c, 'keyvault', 'secret', 'show')) || (hasAllArgs(c, 'storage', 'account', 'keys', 'list')) || ((hasAllArgs(c, 'snapshot') || hasAllArgs(c, 'disk')) && hasAllArgs(c, 'grant-access')) || a.includes('generate-sas') ? 'Azure credentials' : undefined;
    // `token create` prints the new token; `token lookup` shows one's own as its `id`, which matters once that output goes on somewhere
    // (an auth method's roles and config, and the server's own settings, are configuration, not secrets)
    // (a PKI mount's certificates, CRL, roles and settings are public or configuration; a key it generates with `exported` is not)
    case 'vault': return ((a[1] === 'read' && !/^(?:auth\/[^/]+\/(?:role|config)\b|sys\/(?:policy|policies|mounts|auth|health|seal-status)\b|pki[\w-]*\/(?:cert|ca|crl|roles?|config|issuers?)\b)/.test(a.find((w, k) => k > 1 && !w.startsWith('-')) ?? '')) || (a[1] === 'write' && a.some((w) => /^pki[\w-]*\/(?:root|intermediate|keys)\/(?:generate|rotate)\/exported$/.test(w))) || a[1] === 'kv' && a[2] === 'get' || a[1] === 'print' && a[2] === 'token' || (a[1] === 'token' && (a[2] === 'create' || (a[2] === 'lookup' && !a.includes('-accessor') && (c.pipeTo !== undefined || c.redirects.some((r) => r.op.startsWith('>'))))))) ? 'Vault secret' : undefined;
    // Airflow's connections (passwords in their URIs) and variables, as the CLI exports or shows them
    case 'airflow': return (a[1] === 'connections' && (a[2] === 'export' || a[2] === 'get')) || (a[1] === 'variables' && a[2] === 'export') || (a[1] === 'config' && a[2] === 'get-value' && /fernet_key|sql_alchemy_conn|secret_key/.test(a[4] ?? '')) ? 'Airflow connections or variables' : undefined;
    // every remote's tokens and keys of rclone's config
    case 'rclone': return a[1] === 'config' && (a[2] === 'show' || a[2] === 'dump') ? 'rclone remotes\' credentials' : undefined;
    // a Ceph entity's secret key (every entity's, listed whole: `ceph auth ls | grep '^client\.'` keeps the names), or a new
    // one's when no keyring file is named to hold it
    case 'ceph': return a[1] === 'auth' && ((['ls', 'list'].includes(a[2] ?? '') && c.pipeTo === undefined) || ['get', 'export', 'print-key', 'print_key', 'get-key'].includes(a[2] ?? '') || (a[2] === 'get-or-create' && !a.includes('-o'))) ? 'Ceph keys' : undefined;
    // a Ceph object gateway user's S3 keys
    case 'radosgw-admin': return a[1] === 'user' && a[2] === 'info' ? 'object gateway keys' : undefined;
    // the X display's authorization cookie, which lets anyone who has it connect to the display
    case 'xauth': return a[1] === 'extract' && a[2] === '-' ? 'X display cookie' : undefined;
    // KWallet's passwords and the Secret Service's secrets asked for over D-Bus, without kwallet-query or secret-tool
    case 'busctl': case 'dbus-send': case 'gdbus': case 'qdbus': return a.some((w) => /(?:^|[.\s])(?:readPasswordList|readPassword|readEntryList|readMapList|GetSecrets?)$/.test(w)) ? 'desktop keyring secrets' : undefined;
    // PowerDNS's DNSSEC private key of a zone
    case 'pdnsutil': return a[1] === 'export-zone-key' ? 'DNSSEC private key' : undefined;
    // a wallet's private key printed: Foundry's from a mnemonic or keystore, ApeWorX's export, a Cosmos chain daemon's
    // unarmored export, a Hardhat configuration variable named for a key or mnemonic
    case 'cast': return a[1] === 'wallet' && /^(?:private-key|decrypt-keystore|derive-private-key)$/.test(a[2] ?? '') ? 'wallet private key' : undefined;
    case 'ape': return a[1] === 'accounts' && a[2] === 'export' ? 'wallet private key' : undefined;
    case 'npx': case 'hardhat': { const k = c.name === 'npx' ? 2 : 1; return (c.name === 'hardhat' || a[1] === 'hardhat') && a[k] === 'vars' && a[k + 1] === 'get' && /KEY|MNEMONIC|SEED|SECRET/i.test(a[k + 2] ?? '') ? 'Hardhat secret variable' : undefined; }
    case 'op': return a[1] === 'read' || (a[1] === 'item' && a[2] === 'get') || (a[1] === 'document' && a[2] === 'get') ? '1Password item' : undefined;
    // (an item's username, address or folder is not its secret)
    case 'bw': return (a[1] === 'get' && !['username', 'uri', 'folder', 'collection', 'organization', 'template'].includes(a[2] ?? '')) || a[1] === 'export' || (a[1] === 'list' && a[2] === 'items') || (a[1] === 'unlock' && a.includes('--raw')) ? 'Bitwarden item' : undefined;
    // `pass show -c` copies the entry to the clipboard instead of printing it
    case 'pass': case 'gopass': return (a[1] === 'show' && !a.some((w) => /^-c\d*$|^--clip/.test(w))) || (a.length === 2 && !a[1]!.startsWith('-') && !STORE_VERBS.has(a[1]!)) ? 'password-store entry' : undefined;
    case 'security': return (a.some((w) => w === 'find-generic-password' || w === 'find-internet-password') && a.some((w) => /^-[a-z]*[wg]/.test(w))) || a.includes('dump-keychain') ? 'keychain password' : undefined;
    // a checkout's persisted `http.<url>.extraheader` is the CI job's token, base64 in a basic-auth header
    // (a helper asked directly: `git credential-manager get`, `git credential-osxkeychain get`)
    case 'git': return hasAllArgs(c, 'credential', 'fill') || (/^credential-(?:manager(?:-core)?|osxkeychain|store|libsecret|wincred)$/.test(a[1] ?? '') && a[2] === 'get') || (a.includes('config') && a.some((w) => /^http\\?\..*extraheader$/i.test(w)) && !a.some((w) => w === '--unset' || w === '--unset-all')) ? 'git credentials' : undefined;
    // `heroku config` prints every config var of the app, values included
    case 'heroku': return a[1] === 'auth:token' || (a[1] === 'config' || a[1] === 'config:get') ? 'Heroku token or config vars' : undefined;
    // decrypted to stdout; `-i`, `--output` and a redirect write the plaintext where the deployment reads it
    case 'sops': return a.some((w) => w === '-d' || w === '--decrypt') && !a.some((w) => w === '-i' || w === '--in-place' || w === '--output') && !c.redirects.some((r) => r.op === '>' && (r.fd ?? 1) === 1) ? 'SOPS-encrypted secrets' : undefined;
    case 'ansible-vault': return a[1] === 'view' ? 'Ansible Vault secrets' : undefined;
    // Alibaba Cloud's and Oracle Cloud's secret stores
    case 'aliyun': return hasAllArgs(c, 'kms', 'GetSecretValue') ? 'Alibaba Cloud secret' : undefined;
    case 'oci': return hasAllArgs(c, 'secrets', 'secret-bundle', 'get') ? 'OCI vault secret' : undefined;
    // state holds every resource's attributes in clear, passwords included: pulled and filtered for them
    case 'terraform': case 'tofu': return hasAllArgs(c, 'state', 'pull') && filteredForSecrets(c) ? 'Terraform state secrets' : undefined;
    // Pulumi decrypts a stack's secrets only when asked to show them
    case 'pulumi': return a.includes('--show-secrets') && (hasAllArgs(c, 'stack', 'export') || hasAllArgs(c, 'stack', 'output') || a[1] === 'config') ? 'Pulumi stack secrets' : undefined;
    case 'doppler': return hasAllArgs(c, 'secrets', 'download') || (hasAllArgs(c, 'secrets') && a.includes('--raw')) || printsInjectedEnvironment(a) ? 'Doppler secrets' : undefined;
    case 'infisical': return (a[1] === 'secrets' && a[2] !== 'set' && a[2] !== 'delete') || a[1] === 'export' || printsInjectedEnvironment(a) ? 'Infisical secrets' : undefined;
    // a release's values hold what the chart was given, passwords included; its manifest holds its Secrets
    case 'helm': return a[1] === 'get' && (a[2] === 'all' || (a[2] === 'values' && a.some((w) => w === '--all' || w === '-a'))) ? 'Helm release values' : undefined;
    case 'consul': return a[1] === 'kv' && (a[2] === 'export' || (a[2] === 'get' && a.includes('-recurse'))) ? 'Consul key-value store' : undefined;
    case 'doctl': return hasAllArgs(c, 'kubeconfig', 'show') || hasAllArgs(c, 'registry', 'docker-config') ? 'DigitalOcean cluster or registry credentials' : undefined;
    case 'supabase': return hasAllArgs(c, 'projects', 'api-keys') ? 'Supabase API keys' : undefined;
    case 'buildkite-agent': return hasAllArgs(c, 'secret', 'get') ? 'Buildkite secret' : undefined;
    case 'databricks': return hasAllArgs(c, 'secrets', 'get-secret') ? 'Databricks secret' : undefined;
    // the environment of a deployed machine printed from a console session
    case 'fly': case 'flyctl': return hasAllArgs(c, 'ssh', 'console') && /^(?:printenv|env)\b/.test(optionValue(a, ['-C', '--command']) ?? '') ? 'Fly.io app environment' : undefined;
    // `npm token list` shows ids and the first characters only; a created token is printed whole
    // `npm config get //registry.npmjs.org/:_authToken` prints the registry token itself
    case 'npm': case 'pnpm': case 'yarn': return hasAllArgs(c, 'token', 'create') || (a.includes('config') && a.includes('get') && a.some((w) => /_auth(?:Token)?$|:_password$/.test(w))) ? 'npm token' : undefined;
    case 'docker-credential-desktop': case 'docker-credential-osxkeychain': case 'docker-credential-secretservice': case 'docker-credential-pass': return a[1] === 'get' || a[1] === 'list' ? 'registry credentials' : undefined;
    // Python's keyring CLI prints the stored password (twine's and poetry's upload tokens live there)
    case 'keyring': return a[1] === 'get' ? 'keyring secret' : undefined;
    // the Elastic Stack's keystores shown a value at a time, Splunk's stored passwords decrypted with its splunk.secret
    case 'elasticsearch-keystore': case 'kibana-keystore': case 'logstash-keystore': return a[1] === 'show' ? 'Elastic keystore secret' : undefined;
    // a private cloud's secrets printed: Barbican's payloads, a Keystone token's id, EC2 and stored credentials; the
    // Juju controller's and MAAS's admin credentials
    case 'openstack': {
      const w = openstackWords(c);
      const columns = w.filter((_, k) => w[k - 1] === '-c' || w[k - 1] === '--column');
      return (w[1] === 'secret' && w[2] === 'get' && w.includes('--payload')) || (w[1] === 'token' && w[2] === 'issue' && (columns.length === 0 || columns.includes('id'))) || ((w[1] === 'credential' || (w[1] === 'ec2' && w[2] === 'credentials')) && /^(?:list|show)$/.test(w[w[1] === 'ec2' ? 3 : 2] ?? '')) ? 'OpenStack secret, token or credential' : undefined;
    }
    case 'juju': return (a[1] === 'show-controller' && a.includes('--show-password')) || (/^(?:show-credentials?|credentials)$/.test(a[1] ?? '') && a.includes('--show-secrets')) ? 'Juju controller or cloud credentials' : undefined;
    case 'maas': return a[1] === 'apikey' ? 'MAAS API key' : undefined;
    case 'splunksecrets': return /^splunk(?:-legacy)?-decrypt$/.test(a[1] ?? '') ? 'Splunk stored password' : undefined;
    // a WireGuard interface's configuration as wg-quick reads it, its private key included
    case 'wg': return a[1] === 'showconf' || (a[1] === 'show' && a.includes('private-key')) ? 'WireGuard private key' : undefined;
    case 'secret-tool': return a[1] === 'lookup' || a[1] === 'search' ? 'keyring secret' : undefined;
    // KDE Wallet: `-r ENTRY` reads an entry's value (`-l` lists folder entries by name only)
    case 'kwallet-query': return a.some((w) => w === '-r' || w === '--read-password') ? 'KDE Wallet secret' : undefined;
    // NetworkManager prints stored Wi-Fi and VPN keys with --show-secrets, or `device wifi show-password`
    // Jenkins' script console through its CLI, told to read the credential store: `java -jar jenkins-cli.jar … groovy = <<< '…getCredentials()…'`
    case 'java': return a.some((w) => w.endsWith('jenkins-cli.jar')) && a.includes('groovy') && /CredentialsProvider|hudson\.util\.Secret\.decrypt|getCredentials\(/.test((c.stdin ?? c.redirects.find((r) => r.op === '<<<' || r.op === '<<')?.target ?? '').slice(0, 8192)) ? 'Jenkins credentials' : undefined;
    case 'nmcli': return (a.some((w) => w === '-s' || w === '--show-secrets') && a.some((w) => w === 'connection' || w === 'con' || w === 'c')) || hasAllArgs(c, 'wifi', 'show-password') ? 'network passwords' : undefined;
  }
  // a Cosmos SDK chain's daemon (gaiad, osmosisd, junod) exporting a key unarmored: the raw private key
  if (/^[a-z]{3,16}d$/.test(c.name) && a[1] === 'keys' && a[2] === 'export' && a.includes('--unarmored-hex')) return 'chain private key';
  return undefined;
}

/** Output piped into a filter that looks for passwords, secrets, tokens or keys. */
const filteredForSecrets = (c: SimpleCommand) => c.pipeTo !== undefined && c.pipeTo.argv.some((w) => /passw|secret|token|private_key|access_key/i.test(w.slice(0, 1024)));

/** A secrets injector's run of a program that prints the environment it was given: `doppler run -- env`, `infisical run -- printenv`. */
function printsInjectedEnvironment(a: readonly string[]): boolean {
  const dd = a.indexOf('--');
  return a[1] === 'run' && dd > 1 && (a[dd + 1] === 'env' || a[dd + 1] === 'printenv');
}

/**
 * CLIs that take a secret on stdin to store or log in with it (`docker login --password-stdin`,
 * `gh auth login --with-token`, `gh secret set NAME`): piping a token into one is how it is meant to be used.
 */
export function takesSecretOnStdin(c: SimpleCommand): boolean {
  const a = c.argv;
  // (and the agents' own logins: `printenv OPENAI_API_KEY | codex login --with-api-key`)
  if (a.includes('--password-stdin') || a.includes('--with-token') || a.includes('--token-stdin') || a.includes('--with-api-key')) return true;
  switch (c.name) {
    case 'gh': return hasAllArgs(c, 'secret', 'set') && !a.some((w) => w === '-b' || w === '--body' || w.startsWith('--body='));
    case 'wrangler': return hasAllArgs(c, 'secret', 'put');
    // `vault kv put secret/app password=-`: the value read from stdin
    case 'vault': return (a[1] === 'login' && a.includes('-')) || (a[1] === 'kv' && (a[2] === 'put' || a[2] === 'patch') && a.some((w, k) => k > 3 && (w === '-' || w.endsWith('=-'))));
    // into the cloud's secret stores: `--secret-string file:///dev/stdin`, `--data-file=-`, `--file /dev/stdin`
    case 'aws': return (a[1] === 'secretsmanager' || a[1] === 'ssm') && a.some((w) => /^fileb?:\/\/\/dev\/stdin$/.test(w));
    case 'gcloud': return a[1] === 'secrets' && (optionValue(a, ['--data-file']) === '-');
    case 'az': return hasAllArgs(c, 'keyvault', 'secret', 'set') && optionValue(a, ['--file', '-f']) === '/dev/stdin';
    case 'fly': case 'flyctl': return hasAllArgs(c, 'secrets', 'import');
    // a CI job's signing key imported into the job's keyring: `echo "$GPG_PRIVATE_KEY" | base64 -d | gpg --batch --import`
    case 'gpg': case 'gpg2': return a.includes('--import');
    // a CI job's deploy key loaded into its agent: `echo "$SSH_PRIVATE_KEY" | tr -d '\r' | ssh-add -`
    case 'ssh-add': return a.includes('-');
    // `echo "$CARGO_REGISTRY_TOKEN" | cargo login`: without a token among its words, cargo reads it from stdin
    case 'cargo': return a[1] === 'login' && operands(c).length === 1;
    // `gpg --export-secret-keys … | op document create - --vault Private`: a backup into the user's own vault
    case 'op': return a[1] === 'document' && (a[2] === 'create' || a[2] === 'edit') && a.includes('-');
    // `sops -d secrets.enc.yaml | kubectl apply -f -`: decrypted manifests go into the cluster, not onto the screen
    case 'kubectl': case 'oc': return (a[1] === 'apply' || a[1] === 'create' || a[1] === 'replace') && a.some((w, k) => w === '--filename=-' || ((a[k - 1] === '-f' || a[k - 1] === '--filename') && w === '-'));
    default: return false;
  }
}

/** Shortest value taken for a secret: below it a literal is as likely a name, a flag or a placeholder. */
const MIN_SECRET_VALUE = 16;

/**
 * The literal values a command puts into a secret store or a CI secret (`az keyvault secret set --value …`,
 * `gh secret set N --body …`, `vault kv put p k=…`): whatever they were, from then on they are secrets.
 * Values the shell expands first are not known here and are left out.
 */
export function storedSecretValues(c: SimpleCommand): string[] {
  const a = c.argv;
  const out: string[] = [];
  const option = (...names: string[]) => { for (const n of names) { const v = staticOption(c, n); if (v !== undefined) out.push(v); } };
  // `k=v` operands, but not `k=@file` (vault reads the file) and not the path before them
  const pairs = (from: number) => { for (let k = from; k < a.length; k++) { const eq = a[k]!.indexOf('='); if (eq > 0 && !a[k]!.startsWith('-') && a[k]![eq + 1] !== '@' && !c.dynamic[k]) out.push(a[k]!.slice(eq + 1)); } };
  switch (c.name) {
    case 'az': if (hasAllArgs(c, 'keyvault', 'secret', 'set')) option('--value'); break;
    case 'aws':
      if (hasAllArgs(c, 'secretsmanager') && a.some((w) => w === 'put-secret-value' || w === 'create-secret' || w === 'update-secret')) option('--secret-string');
      if (hasAllArgs(c, 'ssm', 'put-parameter') && a.includes('SecureString')) option('--value');
      break;
    case 'gh': if (hasAllArgs(c, 'secret', 'set')) option('--body', '-b'); break;
    case 'glab':
      if (hasAllArgs(c, 'variable', 'set') || hasAllArgs(c, 'variable', 'update')) {
        option('--value', '-v');
        const positional = a.slice(3).filter((w, k) => !w.startsWith('-') && !(a[k + 2] ?? '').startsWith('-'));
        if (positional[1] !== undefined && !c.dynamic[a.indexOf(positional[1])]) out.push(positional[1]);
      }
      break;
    case 'vault': if (a[1] === 'kv' && (a[2] === 'put' || a[2] === 'patch')) pairs(4); else if (a[1] === 'write') pairs(3); break;
    case 'kubectl': case 'oc':
      if (hasAllArgs(c, 'create', 'secret')) for (const w of a) if (w.startsWith('--from-literal=')) { const v = w.slice(15); out.push(v.slice(v.indexOf('=') + 1)); }
      break;
    case 'doppler': if (hasAllArgs(c, 'secrets', 'set')) pairs(3); break;
  }
  return out.filter((v) => v.length >= MIN_SECRET_VALUE && v.length <= 4096);
}

/** A short fingerprint of a secret value (FNV-1a, 32 bits): enough to know it again in a later call, too little to recover it. */
export function secretFingerprint(value: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < value.length; k++) {
    h ^= value.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
