import { compileGlob, compiledMatch, globInstance, globMatch, hasGlob, type CompiledGlob } from './glob.js';
import { memoize } from './memo.js';
import { field } from '../toolcall.js';
import type { Tactic } from '../rule.js';

export type PathKind =
  | 'ssh-private-key'
  | 'cloud-credentials'
  | 'kube-config'
  | 'container-credentials'
  | 'package-token'
  | 'vcs-credentials'
  | 'env-file'
  | 'password-hashes'
  | 'kerberos-keys'
  | 'password-store'
  | 'browser-store'
  | 'keychain'
  | 'shell-history'
  | 'agent-history'
  | 'service-credentials'
  | 'process-memory'
  | 'private-key-file'
  | 'wallet'
  | 'agent-credentials'
  | 'service-token'
  | 'account-database'
  | 'ssh-metadata'
  | 'privacy-permissions'
  | 'system-log'
  | 'shell-startup'
  | 'scheduled-task'
  | 'service-unit'
  | 'authorized-keys'
  | 'launch-item'
  | 'auto-run-config'
  | 'git-hook'
  | 'project-tool'
  | 'boot-script'
  | 'preload'
  | 'auth-config'
  | 'sudoers'
  | 'block-device';

export interface SensitivePath {
  kind: PathKind;
  label: string;
  /** Patterns over the canonical path (`~/…` for any home directory). */
  patterns: readonly string[];
  /** Never sensitive even though a pattern matches (`id_rsa.pub`, `.env.example`). */
  except?: readonly string[];
  /** Concrete paths used to test a glob the user typed (`~/.ss?/id_*`) against this entry. */
  examples: readonly string[];
  /** Substrings one of which a path must contain before any pattern is tried. */
  needles: readonly string[];
  /** Secret material (read = credential access) vs a place where written text gets executed. */
  role: 'secret' | 'exec-location' | 'recon' | 'log' | 'device';
  tactic: Tactic;
}

/** ngrok's configuration: tunnel definitions beside the account's authtoken, in each place the agent keeps it. */
export const NGROK_CONFIGS = ['~/.config/ngrok/ngrok.yml', '~/Library/Application Support/ngrok/ngrok.yml', '~/.ngrok2/ngrok.yml'];

export const SENSITIVE_PATHS: readonly SensitivePath[] = [
  { kind: 'ssh-private-key', label: 'SSH private key', role: 'secret', tactic: 'credential_access', needles: ['id_', '.ssh', 'ssh_host'], patterns: ['~/.ssh/id_*', '**/.ssh/id_*', '/etc/ssh/ssh_host_*_key', '**/id_rsa', '**/id_dsa', '**/id_ecdsa', '**/id_ed25519', '**/id_rsa_*', '**/id_ecdsa_*', '**/id_ed25519_*', '~/.ssh/*.pem', '~/.ssh/*_key'], except: ['*.pub', '*.py', '*.go', '*.js', '*.ts', '*.rs', '*.java', '*.md', '*.txt', '*.json', '*.yml', '*.yaml', '*_test', '*_example', '*_sample', '*_dummy', '*_fake'], examples: ['~/.ssh/id_rsa', '~/.ssh/id_ed25519', '/etc/ssh/ssh_host_rsa_key'] },
  { kind: 'cloud-credentials', label: 'cloud credentials', role: 'secret', tactic: 'credential_access', needles: ['firebase-tools', '.aws', 'gcloud', '.azure', 'application_default', '.oci', 'doctl', '.terraform', 'tfstate', 'service-account', 'service_account', '.boto', '.s3cfg', 'rclone', 'credentials', '.vercel', 'vercel', 'netlify', '.fly', 'heroku'], patterns: ['~/.config/configstore/firebase-tools.json', '~/.aws/credentials', '**/.aws/credentials', '~/.aws/cli/cache/*', '~/.aws/sso/cache/*', '~/.config/gcloud/**', '**/application_default_credentials.json', '~/.azure/**', '~/.oci/**', '~/.config/doctl/config.yaml', '~/.terraform.d/credentials.tfrc.json', '**/terraform.tfstate', '**/terraform.tfstate.backup', '**/service-account*.json', '**/service_account*.json', '~/.boto', '~/.s3cfg', '~/.config/rclone/rclone.conf', '**/credentials.json', '**/.config/gh/hosts.yml', '~/.vercel/**', '~/.local/share/com.vercel.cli/**', '~/.netlify/**', '~/.config/netlify/**', '~/.fly/config.yml', '~/.config/heroku/**'], examples: ['~/.aws/credentials', '~/.config/gcloud/credentials.db', '~/.azure/accessTokens.json', '~/.config/gcloud/application_default_credentials.json'] },
  { kind: 'kube-config', label: 'Kubernetes credentials', role: 'secret', tactic: 'credential_access', needles: ['kube', 'serviceaccount', 'k3s', 'rke2', 'secrets/azure', 'secrets/tokens'], patterns: ['~/.kube/config', '**/.kube/config', '/etc/kubernetes/admin.conf', '/etc/kubernetes/*.conf', '/etc/kubernetes/pki/*.key', '/var/lib/kubelet/pki', '/var/lib/kubelet/pki/*', '/var/lib/kubelet/kubeconfig', '/etc/rancher/k3s/k3s.yaml', '/etc/rancher/rke2/rke2.yaml', '/var/run/secrets/kubernetes.io/serviceaccount/*', '/run/secrets/kubernetes.io/serviceaccount/*', '/var/run/secrets/eks.amazonaws.com/serviceaccount/*', '/var/run/secrets/azure/tokens/*', '/var/run/secrets/tokens/*', '/var/lib/kubelet/pods/*/volumes/kubernetes.io~projected/*/token', '/var/lib/kubelet/pods/*/volumes/kubernetes.io~secret/**'], except: ['**/serviceaccount/namespace', '**/serviceaccount/ca.crt'], examples: ['~/.kube/config', '/var/run/secrets/kubernetes.io/serviceaccount/token', '/etc/rancher/k3s/k3s.yaml'] },
  { kind: 'container-credentials', label: 'container registry credentials or container environment', role: 'secret', tactic: 'credential_access', needles: ['.docker', 'containers/auth', 'config.v2.json'], patterns: ['/var/lib/docker/containers/*/config.v2.json', '~/.docker/config.json', '**/.docker/config.json', '~/.config/containers/auth.json', '/run/containers/*/auth.json', '/run/user/*/containers/auth.json'], examples: ['~/.docker/config.json', '/var/lib/docker/containers/abc123/config.v2.json'] },
  { kind: 'package-token', label: 'package registry, app store, data platform or tunnel service token', role: 'secret', tactic: 'credential_access', needles: ['AuthKey_', 'private_keys', 'spaceship', '.expo', 'ngrok', 'kaggle.json', 'databrickscfg', 'butler_creds', 'sentryclirc', 'upmconfig', 'snowsql', 'snowflake', 'great_expectations', 'airflow', 'jupyter',  'npmrc', 'pypirc', 'gem', 'cargo', 'nuget', 'yarnrc', 'composer', 'gradle.properties', 'settings.xml', 'julia', 'rsconnect', 'huggingface'], patterns: ['**/fastlane/AuthKey_*.p8', '~/.appstoreconnect/private_keys/*', '~/.private_keys/*', '~/.fastlane/spaceship/**', '~/.expo/state.json', '~/.kaggle/kaggle.json', '~/.config/kaggle/kaggle.json', '~/.databrickscfg', '~/.config/itch/butler_creds', '~/.sentryclirc', '~/.upmconfig.toml', '~/.snowsql/config', '~/.snowflake/connections.toml', '~/.snowflake/config.toml', '**/great_expectations/uncommitted/config_variables.yml', '**/airflow/airflow.cfg', '~/.local/share/jupyter/runtime/jpserver-*.json', '~/Library/Jupyter/runtime/jpserver-*.json', '~/.cache/huggingface/token', '~/.cache/huggingface/stored_tokens', '~/.huggingface/token', '~/.npmrc', '~/.pypirc', '~/.gem/credentials', '~/.cargo/credentials', '~/.cargo/credentials.toml', '~/.nuget/NuGet/NuGet.Config', '~/.yarnrc.yml', '~/.composer/auth.json', '~/.config/composer/auth.json', '~/.gradle/gradle.properties', '~/.m2/settings.xml', '~/.julia/servers/*/auth.toml', '~/.config/R/rsconnect/accounts/**', '~/Library/Application Support/R/rsconnect/accounts/**', '~/.local/share/R/rsconnect/accounts/**', ...NGROK_CONFIGS], examples: ['~/.snowsql/config', '/opt/airflow/airflow.cfg', '~/.cache/huggingface/token', '~/.npmrc', '~/.pypirc', '~/.cargo/credentials.toml'] },
  { kind: 'vcs-credentials', label: 'git credentials', role: 'secret', tactic: 'credential_access', needles: ['git-credentials', 'netrc', 'hub', '.config/gh', 'glab'], patterns: ['~/.git-credentials', '**/.git-credentials', '~/.netrc', '**/.netrc', '~/_netrc', '~/.config/hub', '~/.config/gh/hosts.yml', '~/.config/glab-cli/config.yml'], examples: ['~/.git-credentials', '~/.netrc', '~/.config/gh/hosts.yml'] },
  { kind: 'env-file', label: '.env secrets file or signing properties', role: 'secret', tactic: 'credential_access', needles: ['key.properties', 'keystore.properties', '.env', 'secret', 'master.key', 'credentials.yml', 'password', 'vault-token', 'Renviron'], patterns: ['**/key.properties', '**/keystore.properties', '.env', '**/.env', '.Renviron', '**/.Renviron', '.env.*', '**/.env.*', '**/*.env', '/run/secrets/*', '/var/run/secrets/*', '/secrets/*', '**/secrets', '**/secrets.txt', '**/secret.txt', '**/passwords', '**/passwords.txt', '**/password.txt', '**/passwords.csv', '**/secrets.yml', '**/secrets.yaml', '**/secrets.json', '**/.secrets', '**/config/master.key', '**/credentials.yml.enc', '**/.vault-token', '~/.vault-token'], except: ['*.example', '*.sample', '*.template', '*.dist', '*.defaults', '*.schema', '*.md', '*.test', '*.ci', '*.development', '*.local.example', '.envrc', '*configmap.env', '*config-map.env'], examples: ['/secrets/vault_token', '.env', '.env.production', 'app/.env', '~/.vault-token'] },
  { kind: 'password-hashes', label: 'system password hashes', role: 'secret', tactic: 'credential_access', needles: ['samba/private', '/var/lib/ldap', 'krb5kdc/principal', 'shadow', 'master.passwd', 'security/opasswd', 'kcpassword', 'dslocal'], patterns: ['/var/lib/samba/private/secrets.tdb', '/var/lib/samba/private/sam.ldb', '/var/lib/samba/private/sam.ldb.d/*', '/var/lib/samba/private/passdb.tdb', '/var/lib/ldap/*.mdb', '/var/lib/ldap/*.bdb', '/var/kerberos/krb5kdc/principal*', '/var/lib/krb5kdc/principal*', '/etc/shadow', '/etc/gshadow', '/etc/shadow-', '/etc/gshadow-', '/etc/master.passwd', '/etc/security/opasswd', '/var/db/shadow/hash/*', '/etc/kcpassword', '/private/etc/kcpassword', '/var/db/dslocal/nodes/*/users/*', '/private/var/db/dslocal/nodes/*/users/*'], examples: ['/var/lib/samba/private/secrets.tdb', '/var/kerberos/krb5kdc/principal', '/etc/shadow', '/etc/gshadow', '/etc/master.passwd'] },
  // a host keytab is the machine account's long-term keys; SSSD's cache keeps domain users' password hashes
  { kind: 'kerberos-keys', label: 'Kerberos keytab, ticket cache or cached domain logons', role: 'secret', tactic: 'credential_access', needles: ['keytab', 'sss/', 'krb5cc'], patterns: ['/etc/krb5.keytab', '**/*.keytab', '/tmp/krb5cc_*', '**/krb5cc_*', '/var/lib/sss/db/*', '/var/lib/sss/secrets/*'], examples: ['/etc/krb5.keytab', '/etc/httpd/conf/http.keytab', '/var/lib/sss/db/cache_corp.local.ldb'] },
  { kind: 'password-store', label: 'password manager vault', role: 'secret', tactic: 'credential_access', needles: ['password-store', 'kdbx', '1password', '1Password', 'keepass', 'KeePass', 'bitwarden', 'Bitwarden', 'gnupg', 'keyrings', 'kwallet', 'lastpass', '.config/op'], patterns: ['~/.password-store/**', '**/*.kdbx', '**/*.kdb', '~/.config/1Password/**', '~/Library/Group Containers/*.com.1password/**', '~/.config/Bitwarden/**', '~/.config/Bitwarden CLI/**', '~/Library/Application Support/Bitwarden/**', '~/Library/Application Support/Bitwarden CLI/**', '~/.config/op/**', '~/.gnupg/private-keys-v1.d/**', '~/.gnupg/secring.gpg', '~/.gnupg/**', '~/.local/share/keyrings/**', '~/.local/share/kwalletd/**', '~/.lastpass/**'], except: ['*.pub', '~/.gnupg/gpg.conf', '~/.gnupg/gpg-agent.conf', '~/.gnupg/pubring.kbx', '~/.config/op/plugins.sh'], examples: ['~/.password-store/email.gpg', '~/Passwords.kdbx', '~/.gnupg/private-keys-v1.d/ABC.key', '~/.local/share/keyrings/login.keyring'] },
  { kind: 'browser-store', label: 'browser passwords or cookies', role: 'secret', tactic: 'credential_access', needles: ['Login Data', 'Cookies', 'cookies', 'logins.json', 'key4.db', 'key3.db', 'Web Data', 'Local State', 'Local Storage', 'places.sqlite', 'formhistory'], patterns: ['**/Login Data', '**/Login Data For Account', '**/Cookies', '**/cookies.sqlite', '**/logins.json', '**/key4.db', '**/key3.db', '**/Web Data', '**/Local State', '**/Local Storage/leveldb/**', '**/formhistory.sqlite', '**/Cookies.binarycookies'], examples: ['~/.config/google-chrome/Default/Login Data', '~/.config/google-chrome/Default/Cookies', '~/.mozilla/firefox/abc.default/logins.json', '~/Library/Application Support/Google/Chrome/Default/Login Data', '~/.mozilla/firefox/abc.default-release/key4.db', '~/Library/Application Support/Firefox/Profiles/abc.default-release/key4.db', '~/Library/Application Support/Firefox/Profiles/abc.default-release/logins.json', '~/Library/Application Support/Firefox/Profiles/abc.default-release/cookies.sqlite', '~/.config/BraveSoftware/Brave-Browser/Default/Login Data', '~/Library/Application Support/Microsoft Edge/Default/Cookies'] },
  // (and Windows' equivalent: a user's DPAPI master keys, which decrypt every secret DPAPI keeps for them, and Credential Manager's files)
  { kind: 'keychain', label: "macOS keychain or Windows' DPAPI keys and saved credentials", role: 'secret', tactic: 'credential_access', needles: ['Keychains', 'keychain', 'Microsoft/Protect', 'Microsoft/Credentials', 'Microsoft/Vault'], patterns: ['~/Library/Keychains/**', '/Library/Keychains/**', '**/*.keychain', '**/*.keychain-db', '**/AppData/Roaming/Microsoft/Protect/**', '**/AppData/Roaming/Microsoft/Credentials/**', '**/AppData/Local/Microsoft/Credentials/**', '**/AppData/Local/Microsoft/Vault/**'], examples: ['~/Library/Keychains/login.keychain-db', '/Library/Keychains/System.keychain', '/mnt/c/Users/ana/AppData/Roaming/Microsoft/Protect/S-1-5-21-3623811015-3361044348-30300820-1013'] },
  { kind: 'shell-history', label: 'shell history', role: 'secret', tactic: 'credential_access', needles: ['history', '_history', 'fish_history'], patterns: ['~/.bash_history', '~/.zsh_history', '~/.zhistory', '~/.history', '~/.sh_history', '~/.local/share/fish/fish_history', '~/.mysql_history', '~/.psql_history', '~/.python_history', '~/.node_repl_history', '~/.rediscli_history', '~/.sqlite_history', '~/.lesshst', '~/.viminfo', '**/.bash_history', '**/.zsh_history', '**/PSReadLine/ConsoleHost_history.txt'], examples: ['~/.bash_history', '~/.zsh_history', '~/.mysql_history'] },
  { kind: 'agent-history', label: 'AI assistant transcripts', role: 'secret', tactic: 'credential_access', needles: ['.claude', '.codex', '.gemini', 'aider'], patterns: ['~/.claude', '~/.codex', '~/.gemini', '~/.claude/projects', '~/.claude/projects/**', '~/.claude/history.jsonl', '~/.codex/sessions', '~/.codex/sessions/**', '~/.codex/archived_sessions/**', '~/.codex/history.jsonl', '~/.gemini/tmp/*/logs.json', '~/.gemini/tmp/*/chats/**', '**/.aider.chat.history.md', '**/.aider.input.history'], examples: ['~/.claude/projects/-home-dev-app/5d1e.jsonl', '~/.codex/sessions/2026/11/30/rollout-2026-11-30.jsonl', '~/.gemini/tmp/9f2c/logs.json', '~/.claude/history.jsonl'] },
  { kind: 'service-credentials', label: 'database, VPN, Wi-Fi or device credentials', role: 'secret', tactic: 'credential_access', needles: ['rsecssfs', 'ssfs', 'SSFS', '.pse', 'cred_v2', 'cwallet', 'ewallet', 'orapw', '.dbc', 'kafka/secrets', 'jaas', 'nsc/keys', '.creds', '.confluent', 'adbkey', 'node-red', 'balena', 'aziot', 'secrets.yaml', '.storage/auth', 'letsencrypt', 'acme.sh', 'powerdns', 'creds.json', 'pve/priv', 'sasl_passwd', 'sasldb', 'dovecot', 'fetchmailrc', 'getmail', 'mailman', 'roundcube', 'ldap.secret', 'dirsrv', 'pgpass', 'my.cnf', 'sops', 'vault_pass', 'vault-pass', '/vault/secrets', 'root-token', 'wireguard', 'system-connections', 'wp-config', 'openvpn', '.ovpn', 'htpasswd', 'rclone', 'keys.txt', 'jenkins', 'gitlab', 'buildAgent', 'debian.cnf', 'wpa_supplicant', 'filezilla', 'actions-runner', 'ipsec.secrets', 'buildkite-agent', 'pgbouncer', '.vnc', 'pure-ftpd', 'ftpd.passwd', 'virtual_users', 'ceph', '.mc/', 'minio', 'bconsole', 'asterisk', 'amportal', 'freepbx', 'freeswitch', 'turnserver', 'kamctlrc', 'twilio', 'tftp', 'pterodactyl', 'forwarding.secret', 'config.vdf', 'ssfn', 'confluence.cfg', 'dbconfig.xml', 'jwt_config', 'secure.yaml', 'one_auth', 'juju/agents'], patterns: [
    // SAP's secure storage (the database password the system logs on with), its PSEs and SAProuter's credentials;
    // Oracle's wallets and password files; E-Business Suite's DBC file (the applications' database login)
    // Confluence's and Jira's database logins, and a Box app's JWT configuration (its private key and passphrase)
    '**/confluence.cfg.xml', '**/dbconfig.xml', '**/*jwt_config.json',
    // a private cloud's: the OpenStack client's secrets file, OpenNebula's oneadmin login, a Juju machine agent's passwords
    '~/.config/openstack/secure.yaml', '**/.config/openstack/secure.yaml', '/etc/openstack/secure.yaml', '**/.one/one_auth', '/var/lib/juju/agents/*/agent.conf',
    '**/rsecssfs/data/SSFS_*.DAT', '**/rsecssfs/key/SSFS_*.KEY', '**/security/ssfs/*', '**/.hdb/*/SSFS_HDB.*', '/usr/sap/**/sec/*.pse', '/usr/sap/**/sec/cred_v2', '**/cwallet.sso', '**/ewallet.p12', '**/dbs/orapw*', '**/secure/*.dbc',
    // a PBX's SIP, IAX, manager and ARI secrets, FreePBX's database password, FreeSWITCH's users and event socket,
    // a TURN server's shared secret, Kamailio's database access, desk phones' provisioning files (their SIP passwords)
    '/etc/asterisk/sip.conf', '/etc/asterisk/sip_*.conf', '/etc/asterisk/pjsip*.conf', '/etc/asterisk/iax*.conf', '/etc/asterisk/manager*.conf', '/etc/asterisk/ari.conf', '/var/lib/asterisk/astdb.sqlite3',
    '/etc/amportal.conf', '/etc/freepbx.conf', '**/freeswitch/vars.xml', '**/freeswitch/autoload_configs/event_socket.conf.xml', '**/freeswitch/directory/**', '/etc/turnserver.conf', '/etc/coturn/turnserver.conf', '/etc/kamailio/kamctlrc',
    '~/.twilio-cli/config.json', '/tftpboot/*.cfg', '/srv/tftp/*.cfg', '/var/lib/tftpboot/*.cfg',
    // a game-server panel's node token, a proxy's player-forwarding secret, Steam's saved login
    '/etc/pterodactyl/config.yml', '**/forwarding.secret', '**/Steam/config/config.vdf', '~/.steam/steam/config/config.vdf', '**/Steam/ssfn*',
    '/etc/kafka/secrets/**', '**/kafka_client_jaas.conf', '**/*_jaas.conf', '**/nsc/keys/**', '**/*.creds', '~/.confluent/config.json', '~/.android/adbkey', '**/.node-red/flows_cred.json', '**/.node-red/*_cred.json', '**/.node-red/.config.runtime.json', '~/.balena/token', '/var/secrets/aziot/**', '/config/secrets.yaml', '**/homeassistant/secrets.yaml', '~/.homeassistant/secrets.yaml', '**/.storage/auth', '**/.storage/auth_provider.homeassistant', '/etc/ceph/ceph.client.admin.keyring', '/etc/ceph/ceph.mon.keyring', '/var/lib/ceph/**/keyring', '~/.mc/config.json', '**/.mc/config.json', '/etc/default/minio', '/etc/bacula/bconsole.conf', '/etc/bareos/bconsole.conf', '/etc/letsencrypt/*.ini', '/etc/letsencrypt/**/*.ini', '~/.acme.sh/account.conf', '~/.acme.sh/**/account.conf', '/etc/powerdns/pdns.conf', '/etc/powerdns/pdns.d/*.conf', '**/dnscontrol/creds.json', '**/creds.json', '/etc/pve/priv/**', '/etc/postfix/sasl_passwd', '/etc/postfix/sasl/sasl_passwd', '/etc/sasldb2', '/etc/dovecot/users', '/etc/dovecot/passwd', '/etc/dovecot/master-users', '~/.fetchmailrc', '~/.getmail/*', '/var/lib/mailman/data/adm.pw', '/etc/roundcube/config.inc.php', '/etc/ldap.secret', '/etc/pam_ldap.secret', '/etc/libnss-ldap.secret', '/etc/dirsrv/*/pwdfile.txt', '**/pgbouncer/userlist.txt', '**/.vnc/passwd', '/vault/secrets/*', '**/.root-token', '**/root-token', '~/.pgpass', '**/.pgpass', '~/.my.cnf', '**/.my.cnf', '~/.config/sops/age/keys.txt', '**/sops/age/keys.txt', '~/.ansible/vault_pass*', '~/.vault_pass*', '**/.vault_pass', '**/vault_pass.txt', '**/vault-password*', '/etc/wireguard/*.conf', '/etc/wireguard', '/etc/NetworkManager/system-connections/*', '/etc/NetworkManager/system-connections', '**/wp-config.php', '/etc/openvpn/**/*.key', '**/*.ovpn', '**/.htpasswd', '/etc/ppp/chap-secrets', '/var/lib/jenkins/secrets/**', '/var/lib/jenkins/credentials.xml', '**/jenkins_home/secrets/**', '**/jenkins_home/credentials.xml', '/etc/gitlab-runner/config.toml', '~/.gitlab-runner/config.toml', '/etc/gitlab/gitlab-secrets.json', '**/buildAgent/conf/buildAgent.properties', '/etc/mysql/debian.cnf', '/etc/wpa_supplicant/*.conf', '/etc/wpa_supplicant.conf', '~/.config/filezilla/sitemanager.xml', '~/.config/filezilla/recentservers.xml', '**/actions-runner/.credentials', '**/actions-runner/.credentials_rsaparams', '/etc/ipsec.secrets', '**/buildkite-agent/buildkite-agent.cfg', '**/buildkite-agent.cfg', '/etc/pure-ftpd/pureftpd.passwd', '/etc/pure-ftpd/pureftpd.pdb', '/etc/proftpd/ftpd.passwd', '/etc/vsftpd/virtual_users*'], except: ['/etc/letsencrypt/cli.ini'], examples: ['/var/atlassian/application-data/confluence/confluence.cfg.xml', '/opt/acme/box-sync/config/box_jwt_config.json', '/usr/sap/PRD/SYS/global/security/rsecssfs/data/SSFS_PRD.DAT', '/usr/sap/saprouter/sec/cred_v2', '/u01/app/oracle/admin/EBSPRD/wallet/cwallet.sso', '/u01/app/oracle/product/19.0.0/dbhome_1/dbs/orapwEBSPRD', '/etc/asterisk/pjsip_custom.conf', '/etc/freepbx.conf', '/srv/tftp/0004f2aabbcc.cfg', '/etc/pterodactyl/config.yml', '/etc/letsencrypt/cloudflare.ini', '~/.acme.sh/account.conf', '/etc/powerdns/pdns.conf', '/etc/pve/priv/token.cfg', '/etc/postfix/sasl_passwd', '/etc/ldap.secret', '/etc/pgbouncer/userlist.txt', '/etc/buildkite-agent/buildkite-agent.cfg', '/vault/secrets/root-token', '/etc/mysql/debian.cnf', '/home/runner/actions-runner/.credentials', '~/.pgpass', '~/.my.cnf', '/etc/wireguard/wg0.conf', '/var/www/html/wp-config.php', '/etc/NetworkManager/system-connections/home.nmconnection', '/var/lib/jenkins/secrets/master.key', '/etc/gitlab-runner/config.toml', '/etc/ceph/ceph.client.admin.keyring', '~/.mc/config.json', '/etc/default/minio'] },
  // another process's memory map is the first step of dumping it; a reader's own (`/proc/self/maps`) is not
  { kind: 'process-memory', label: 'process memory or environment', role: 'secret', tactic: 'credential_access', needles: ['/proc/', '/dev/mem', '/dev/kmem'], patterns: ['/proc/*/environ', '/proc/*/mem', '/proc/*/maps', '/proc/*/task/*/environ', '/proc/kcore', '/dev/mem', '/dev/kmem'], except: ['/proc/self/maps', '/proc/thread-self/maps'], examples: ['/proc/1/environ', '/proc/self/environ', '/proc/1234/mem', '/dev/mem', '/proc/812/maps'] },
  { kind: 'private-key-file', label: 'private key or certificate store', role: 'secret', tactic: 'credential_access', needles: ['munge', 'dkim', 'step', 'letsencrypt/accounts', '.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.p8', 'ssl/private', 'private'], patterns: ['/etc/munge/munge.key', '**/munge.key', '**/munge.key.*', '/etc/opendkim/keys/**/*.private', '**/dkim/**/*.private', '/var/lib/rspamd/dkim/*.key', '/etc/bind/keys/*.private', '/var/lib/bind/**/*.private', '**/K*+*.private', '/etc/letsencrypt/accounts/**', '/etc/step-ca/secrets/**', '~/.step/secrets/**', '**/step/secrets/**', '**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/*.jks', '**/*.keystore', '**/*.p8', '/etc/ssl/private/**', '/etc/pki/tls/private/**', '/etc/letsencrypt/live/**/privkey.pem', '/etc/letsencrypt/archive/**'], except: ['**/cert.pem', '**/fullchain.pem', '**/*chain.pem', '**/ca.pem', '**/*-ca.pem', '**/*_ca.pem', '**/ca-root*.pem', '**/ca-bundle*.pem', '**/*bundle.pem', '**/*truststore*.p12', '**/*truststore*.jks', '**/*cert*.pem', '**/*.crt.pem', '**/cacert.pem', '**/public*.pem', '**/*pub*.pem', '**/*.pub.pem', '/etc/ssl/certs/*.pem', '/etc/pki/tls/certs/*.pem', '/etc/pki/ca-trust/**', '/usr/local/share/ca-certificates/**', '/usr/share/ca-certificates/**', '**/node_modules/**', '**/test/**', '**/tests/**', '**/fixtures/**', '**/.sui/sui_config/sui.keystore'], examples: ['/var/lib/bind/keys/Kexample.com.+013+24811.private', '/etc/letsencrypt/accounts/acme-v02.api.letsencrypt.org/directory/3f1a/private_key.json', '/etc/step-ca/secrets/password', '/etc/opendkim/keys/example.com/default.private', 'server.key', '/etc/ssl/private/ssl-cert-snakeoil.key', '/etc/ssl/private/server.key', '/etc/pki/tls/private/localhost.key', '/etc/letsencrypt/live/example.com/privkey.pem', 'deploy.pem', 'keystore.jks'] },
  { kind: 'wallet', label: 'cryptocurrency wallet', role: 'secret', tactic: 'credential_access', needles: ['wallet', 'keystore', 'electrum', 'solana', 'Exodus', 'exodus', '.bitcoin', '.ethereum', 'MetaMask', 'nkbihfbeogaeaoehlefnkodbefgpgknn', '.brownie', '.sui', 'UTC--', 'priv_validator', '.aptos'], patterns: ['**/wallet.dat', '~/.bitcoin/**', '~/.ethereum/keystore/**', '~/.electrum/wallets/**', '~/.config/solana/id.json', '~/.foundry/keystores/**', '~/.brownie/accounts/**', '~/.sui/sui_config/sui.keystore', '**/keystore/UTC--*', '**/priv_validator_key.json', '~/.aptos/config.yaml', '**/.aptos/config.yaml', '~/.config/Exodus/**', '~/Library/Application Support/Exodus/**', '**/nkbihfbeogaeaoehlefnkodbefgpgknn/**'], examples: ['~/.bitcoin/wallet.dat', '~/.ethereum/keystore/UTC--2024', '~/.config/solana/id.json', '~/.foundry/keystores/deployer'] },
  { kind: 'agent-credentials', label: 'AI assistant credentials', role: 'secret', tactic: 'credential_access', needles: ['.claude', '.codex', 'copilot', '.gemini', '.cursor', 'openai', 'claude_desktop', 'cursor/auth', 'state.vscdb'], patterns: ['~/.cursor/mcp.json', '**/User/globalStorage/state.vscdb', '**/claude_desktop_config.json', '~/.config/cursor/auth.json', '~/.claude.json', '~/.claude/.credentials.json', '~/.codex/auth.json', '~/.config/github-copilot/*.json', '~/.gemini/oauth_creds.json', '~/.config/openai/*', '~/.cursor/*token*'], examples: ['~/.claude/.credentials.json', '~/.codex/auth.json', '~/.config/github-copilot/hosts.json', '~/.config/Cursor/User/globalStorage/state.vscdb', '~/Library/Application Support/Code/User/globalStorage/state.vscdb'] },
  { kind: 'service-token', label: 'chat or service session token', role: 'secret', tactic: 'credential_access', needles: ['Slack', 'slack', 'discord', 'Telegram', 'telegram', 'Signal', 'Steam', 'steam', 'ssfn'], patterns: ['~/.steam/steam/config/config.vdf', '~/.steam/steam/config/loginusers.vdf', '~/.steam/steam/ssfn*', '~/.local/share/Steam/config/config.vdf', '~/.local/share/Steam/ssfn*', '~/Library/Application Support/Steam/config/config.vdf', '**/Steam/config/config.vdf', '**/Steam/config/loginusers.vdf', '**/Steam/ssfn*', '~/.config/Slack/Cookies', '~/.config/Slack/Local Storage/**', '~/Library/Application Support/Slack/**', '~/.config/discord/Local Storage/**', '~/Library/Application Support/discord/Local Storage/**', '~/.local/share/TelegramDesktop/tdata/**', '~/Library/Application Support/Telegram Desktop/tdata/**', '~/.config/Signal/**'], examples: ['~/.steam/steam/config/config.vdf', '/home/jenkins/Steam/config/loginusers.vdf', '~/.config/discord/Local Storage/leveldb/000003.log', '~/.local/share/TelegramDesktop/tdata/key_datas'] },
  { kind: 'account-database', label: 'user account database', role: 'recon', tactic: 'discovery', needles: ['/etc/passwd', '/etc/group', 'sudoers'], patterns: ['/etc/passwd', '/etc/group'], examples: ['/etc/passwd', '/etc/group'] },
  { kind: 'ssh-metadata', label: 'SSH host list and config', role: 'recon', tactic: 'discovery', needles: ['.ssh', 'ssh_config'], patterns: ['~/.ssh/known_hosts', '~/.ssh/config', '/etc/ssh/ssh_config', '/etc/ssh/sshd_config'], examples: ['~/.ssh/known_hosts', '~/.ssh/config'] },
  // which apps may read the disk, the screen and the camera: what a stealer checks before it tries, or grants itself
  { kind: 'privacy-permissions', label: 'macOS privacy permission database', role: 'recon', tactic: 'discovery', needles: ['TCC'], patterns: ['~/Library/Application Support/com.apple.TCC/TCC.db', '/Library/Application Support/com.apple.TCC/TCC.db'], examples: ['~/Library/Application Support/com.apple.TCC/TCC.db', '/Library/Application Support/com.apple.TCC/TCC.db'] },
  { kind: 'system-log', label: 'system or audit log, or a system mailbox', role: 'log', tactic: 'defense_evasion', needles: ['/usr/sap/', 'slurm/archive', '/var/mail', '/var/spool/mail', '/var/log', 'domlogs', 'access-logs', 'wtmp', 'btmp', 'lastlog', 'utmp', 'audit', '/Library/Logs', '/private/var/log', 'journal', 'diagnostics', 'uuidtext', 'QuarantineEvents'], patterns: ['/usr/sap/*/*/log/**', '/usr/sap/trans/log/**', '/var/spool/slurm/archive/**', '/var/log/**', '/usr/local/apache/domlogs/**', '/home/*/access-logs/**', '/private/var/log/**', '/var/mail/*', '/var/spool/mail/*', '/var/db/diagnostics/**', '/var/db/uuidtext/**', '/var/audit/**', '/private/var/db/diagnostics/**', '/private/var/audit/**', '/var/run/utmp', '/run/utmp', '/var/log/wtmp', '/var/log/btmp', '/var/log/lastlog', '/var/log/audit/**', '~/Library/Logs/*', '~/Library/Logs/DiagnosticReports/**', '~/Library/Preferences/com.apple.LaunchServices.QuarantineEventsV*', '/Library/Logs/**', '/var/log/journal/**', '**/audit.log', '**/logs/**/audit.*', '**/logs/**/audit-*'], examples: ['/usr/sap/PRD/D00/log/SLOG00', '/usr/sap/trans/log/SLOG2424.PRD', '/p4/1/logs/audit.log', '/var/spool/mail/root', '/var/log/auth.log', '/var/log/syslog', '/var/log/wtmp', '/var/log/audit/audit.log', '/var/log/secure', '/private/var/log/system.log', '/Library/Logs/DiagnosticReports/x.crash', '/var/db/diagnostics/Persist/0000.tracev3', '/var/db/uuidtext/0A/B1', '/var/audit/20250101000000.20250102000000'] },
  { kind: 'shell-startup', label: 'shell startup file', role: 'exec-location', tactic: 'persistence', needles: ['completion', 'rc', 'profile', 'zshenv', 'zlogin', 'config.fish', 'fish/', 'environment', 'bash_logout', 'bash_aliases', 'oh-my-zsh/custom', 'xsession', 'autostart-scripts', 'plasma-workspace'], patterns: ['~/.bashrc', '~/.bashrc.d/*', '~/.oh-my-zsh/custom/*', '~/.bash_aliases', '~/.bash_profile', '~/.bash_login', '~/.bash_logout', '~/.profile', '~/.zshrc', '~/.zprofile', '~/.zshenv', '~/.zlogin', '~/.config/fish/config.fish', '~/.config/fish/conf.d/*', '~/.config/fish/functions/*', '/etc/profile', '/etc/profile.d/*', '/etc/bash.bashrc', '/etc/bashrc', '/etc/zshrc', '/etc/zsh/zshrc', '/etc/zsh/zshenv', '/etc/environment', '~/.pam_environment', '~/.xinitrc', '~/.xprofile', '~/.xsessionrc', '~/.xsession', '~/.config/environment.d/*', '/etc/environment.d/*', '~/.config/plasma-workspace/env/*', '~/.config/autostart-scripts/*', '~/.inputrc', '/etc/bash_completion.d/*', '/usr/share/bash-completion/completions/*', '~/.local/share/bash-completion/completions/*'], examples: ['~/.bashrc', '~/.zshrc', '~/.profile', '/etc/profile.d/x.sh', '~/.bashrc.d/aws.sh', '~/.oh-my-zsh/custom/aliases.zsh', '~/.xsessionrc', '~/.config/environment.d/10-mesa.conf'] },
  { kind: 'scheduled-task', label: 'cron or scheduled task', role: 'exec-location', tactic: 'persistence', needles: ['cron', 'anacron', '/at/', 'atjobs', 'periodic', 'daily.local', 'weekly.local', 'monthly.local'], patterns: ['/etc/crontab', '/etc/cron.d/*', '/etc/cron.*/*', '/etc/crontabs/*', '/var/spool/cron/**', '/var/spool/cron/crontabs/*', '/etc/anacrontab', '/var/spool/at/*', '/usr/lib/cron/tabs/*', '/etc/periodic/**', '/usr/local/etc/periodic/**', '/etc/periodic.conf.local', '/etc/daily.local', '/etc/weekly.local', '/etc/monthly.local'], examples: ['/etc/daily.local', '/etc/crontab', '/etc/periodic/daily/999.local', '/etc/cron.d/job', '/var/spool/cron/crontabs/root', '/etc/cron.hourly/job'] },
  { kind: 'service-unit', label: 'systemd or init service', role: 'exec-location', tactic: 'persistence', needles: ['systemd', 'init.d', '.service', '.timer', 'rc.local', 'rc.common', 'autostart', 'update-motd', 'dbus-1'], patterns: ['/etc/systemd/system-generators/*', '/usr/lib/systemd/system-generators/*', '/lib/systemd/system-generators/*', '/etc/systemd/user-generators/*', '~/.config/systemd/user/*', '~/.config/systemd/user/**', '/etc/systemd/system/*', '/etc/systemd/system/**', '/lib/systemd/system/*', '/usr/lib/systemd/system/*', '/etc/systemd/user/*', '/etc/init.d/*', '/etc/rc.local', '/etc/rc.common', '/etc/rc.d/**', '~/.config/autostart/*', '/etc/xdg/autostart/*', '/etc/update-motd.d/*', '~/.local/share/dbus-1/services/*', '/usr/share/dbus-1/services/*', '/usr/share/dbus-1/system-services/*'], examples: ['~/.config/systemd/user/x.service', '/etc/systemd/system/x.service', '/etc/rc.local', '/etc/rc.common', '~/.config/autostart/x.desktop', '~/.local/share/dbus-1/services/org.freedesktop.FileManager1.service'] },
  { kind: 'authorized-keys', label: 'SSH authorized_keys', role: 'exec-location', tactic: 'persistence', needles: ['authorized_keys'], patterns: ['**/authorized_keys', '**/authorized_keys2'], examples: ['~/.ssh/authorized_keys', '/root/.ssh/authorized_keys'] },
  { kind: 'launch-item', label: 'macOS launch agent or daemon, kernel extension, login plugin or folder action script', role: 'exec-location', tactic: 'persistence', needles: ['Launch', 'LoginItems', 'StartupItems', 'Extensions', 'SecurityAgentPlugins', 'Folder Action'], patterns: ['~/Library/Scripts/Folder Action Scripts/**', '/Library/Scripts/Folder Action Scripts/**', '/Library/Extensions/**', '/System/Library/Extensions/**', '/Library/Security/SecurityAgentPlugins/**', '~/Library/LaunchAgents/*', '/Library/LaunchAgents/*', '/Library/LaunchDaemons/*', '/System/Library/LaunchDaemons/*', '/Library/StartupItems/**', '~/Library/Application Support/com.apple.backgroundtaskmanagementagent/**'], examples: ['~/Library/Scripts/Folder Action Scripts/Sync.scpt', '/Library/Extensions/x.kext', '/Library/Security/SecurityAgentPlugins/Auth.bundle', '~/Library/LaunchAgents/com.x.plist', '/Library/LaunchDaemons/com.x.plist'] },
  { kind: 'auto-run-config', label: 'configuration that runs commands automatically', role: 'exec-location', tactic: 'persistence', needles: ['DEBIAN', 'dpkg/info', 'sitecustomize', 'usercustomize', '.pth', 'ssh/rc', 'sshrc', 'apt.conf.d', 'emond', 'pluginconf.d', 'rules.d', 'dispatcher.d', 'if-up.d', 'if-pre-up.d', 'if-down.d', 'ip-up.d', 'logrotate', 'devcontainer', 'tasks.json', '.envrc', 'direnv', 'GITHUB_ENV', 'gitconfig', 'git/config', 'pip.conf', 'yarnrc', '.cargo/config', 'gradle', 'buildkite-agent', 'init.groovy.d', '/extensions/', 'applications/'], patterns: ['~/.local/share/applications/*.desktop', '/usr/share/applications/*.desktop', '/usr/local/share/applications/*.desktop', '~/.vscode/extensions/**', '~/.vscode-insiders/extensions/**', '~/.vscode-server/extensions/**', '~/.cursor/extensions/**', '~/.windsurf/extensions/**', '/etc/buildkite-agent/hooks/*', '~/.buildkite-agent/hooks/*', '**/buildkite-agent/hooks/*', '**/init.groovy.d/*.groovy', '**/DEBIAN/postinst', '**/DEBIAN/preinst', '**/DEBIAN/postrm', '**/DEBIAN/prerm', '/var/lib/dpkg/info/*.postinst', '/var/lib/dpkg/info/*.preinst', '/var/lib/dpkg/info/*.prerm', '/var/lib/dpkg/info/*.postrm', '~/.gradle/init.d/*', '~/.gradle/init.gradle', '~/.gradle/init.gradle.kts', '**/sitecustomize.py', '**/usercustomize.py', '**/site-packages/*.pth', '**/dist-packages/*.pth', '~/.ssh/rc', '**/.ssh/rc', '/etc/ssh/sshrc', '/etc/apt/apt.conf.d/*', '/etc/emond.d/**', '/etc/yum/pluginconf.d/*', '/etc/dnf/plugins/*', '/etc/udev/rules.d/*', '/lib/udev/rules.d/*', '/etc/NetworkManager/dispatcher.d/*', '/etc/network/if-up.d/*', '/etc/network/if-pre-up.d/*', '/etc/network/if-down.d/*', '/etc/ppp/ip-up.d/*', '/etc/logrotate.d/*', '/etc/logrotate.conf', '**/.devcontainer/devcontainer.json', '**/.devcontainer.json', '**/.vscode/tasks.json', '**/.envrc', '~/.config/direnv/direnvrc', '~/.gitconfig', '~/.config/git/config', '/etc/gitconfig', '~/.config/pip/pip.conf', '~/.pip/pip.conf', '/etc/pip.conf', '~/.yarnrc', '**/.yarnrc.yml', '~/.cargo/config', '~/.cargo/config.toml', '$GITHUB_ENV', '${GITHUB_ENV}'], examples: ['$GITHUB_ENV', '~/.vscode/extensions/ms-python.python-2024.8.1/out/client/extension.js', '/etc/buildkite-agent/hooks/environment', '/var/jenkins_home/init.groovy.d/zz-telemetry.groovy', '~/.ssh/rc', '/etc/emond.d/rules/update.plist', '/etc/apt/apt.conf.d/00sync', '/etc/udev/rules.d/99-x.rules', '.devcontainer/devcontainer.json', '.vscode/tasks.json', '.envrc'] },
  { kind: 'git-hook', label: 'git hook', role: 'exec-location', tactic: 'persistence', needles: ['hooks', '.husky'], patterns: ['**/.git/hooks/*', '.git/hooks/*', '.husky/*', '**/.husky/*', '**/.githooks/*', '.githooks/*', '~/.config/git/hooks/*', '~/.git-templates/hooks/*', '~/.git_template/hooks/*', '~/.config/git/template/hooks/*', '/usr/share/git-core/templates/hooks/*'], except: ['*.sample'], examples: ['~/.git-templates/hooks/post-checkout', '.git/hooks/pre-commit', '.husky/pre-commit', 'repo/.git/hooks/post-checkout', '~/.githooks/post-checkout'] },
  // the programs a project's own scripts and tests run by name (`npm test` runs node_modules/.bin/jest)
  { kind: 'project-tool', label: "program the project's scripts run (node_modules/.bin, a virtualenv's bin)", role: 'exec-location', tactic: 'persistence', needles: ['node_modules/.bin', 'venv/bin'], patterns: ['node_modules/.bin/*', '**/node_modules/.bin/*', '.venv/bin/*', '**/.venv/bin/*', 'venv/bin/*', '**/venv/bin/*'], examples: ['node_modules/.bin/jest', '/home/dev/app/node_modules/.bin/tsc', '.venv/bin/pytest'] },
  { kind: 'preload', label: 'dynamic linker preload', role: 'exec-location', tactic: 'persistence', needles: ['ld.so'], patterns: ['/etc/ld.so.preload', '/etc/ld.so.conf', '/etc/ld.so.conf.d/*'], examples: ['/etc/ld.so.preload'] },
  { kind: 'auth-config', label: 'authentication configuration', role: 'exec-location', tactic: 'persistence', needles: ['pam', 'sshd_config', 'nsswitch', 'security/'], patterns: ['/etc/pam.d/*', '/lib/security/*', '/lib/x86_64-linux-gnu/security/*', '/usr/lib/security/*', '/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/*', '/etc/nsswitch.conf'], examples: ['/etc/pam.d/sshd', '/etc/ssh/sshd_config', '/lib/x86_64-linux-gnu/security/pam_unix.so'] },
  { kind: 'sudoers', label: 'sudoers policy', role: 'exec-location', tactic: 'privilege_escalation', needles: ['sudoers', '/etc/passwd', '/etc/group', 'shadow', 'doas'], patterns: ['/etc/sudoers', '/etc/sudoers.d/*', '/private/etc/sudoers', '/etc/doas.conf', '/usr/local/etc/doas.conf'], examples: ['/etc/sudoers', '/etc/sudoers.d/x'] },
  { kind: 'block-device', label: 'raw disk device', role: 'device', tactic: 'impact', needles: ['/dev/'], patterns: ['/dev/sd*', '/dev/hd*', '/dev/vd*', '/dev/xvd*', '/dev/nvme*', '/dev/mmcblk*', '/dev/disk*', '/dev/rdisk*', '/dev/md*', '/dev/mapper/*', '/dev/dm-*', '/dev/loop*'], examples: ['/dev/sda', '/dev/nvme0n1', '/dev/disk0'] },
];

// /Users/Shared is the one folder of /Users that is no one's home: world-writable, shared by every account
const HOME_PREFIX = /^(?:\/root|\/home\/[^/]+|\/Users\/(?!Shared(?:\/|$))[^/]+|\/var\/root|~[A-Za-z0-9_.-]*|\$HOME|\$\{HOME\})(?=\/|$)/;

/** Where servers keep their data: databases and stores, mailboxes, directories and Kerberos realms, artifact and image stores, a PACS. */
export const SERVICE_DATA_DIRS = /^\/var\/lib\/(postgresql|pgsql|mysql|mariadb|mongodb|redis|docker|elasticsearch|opensearch|clickhouse|cassandra|etcd|influxdb|neo4j|couchdb|rabbitmq|kafka|zookeeper|minio|gitlab|gitea|jenkins|dovecot|mailman3?|ldap|krb5kdc|samba\/private|orthanc|registry|nexus|sonatype-work|artifactory)(\/|$)|^\/var\/opt\/(mssql|gitlab|jfrog|sonatype)(\/|$)|^\/var\/kerberos\/krb5kdc(\/|$)/;

/**
 * The home directory as program code spells it (`os.homedir()`, `expanduser("~")`, `getenv("HOME")`, `$ENV{HOME}`): a
 * literal such as `"/.ssh/authorized_keys"` joined to it names a file in the home directory.
 */
export const HOME_IN_CODE = /homedir\(\)|expanduser\(\s*['"]~['"]\s*\)|Path\.home\(\)|ENV\[['"]HOME['"]\]|\$ENV\{HOME\}|getenv\(\s*['"]HOME['"]\s*\)|\$HOME\b|process\.env\.HOME\b|process\.env\[['"]HOME['"]\]|os\.environ\[['"]HOME['"]\]|Dir\.home\b/;

/**
 * A literal that starts with the home directory interpolated (Perl's `"$ENV{HOME}/…"`, Ruby's `"#{Dir.home}/…"`, a
 * JavaScript template's `${os.homedir()}/…`, a Python f-string's `{Path.home()}/…`), written as `~/…`.
 */
const HOME_INTERPOLATED = /^(?:\$ENV\{HOME\}|\$\{?HOME\}?|#\{(?:ENV\[['"]HOME['"]\]|Dir\.home)\}|\$\{(?:process\.env\.HOME|(?:require\(['"]os['"]\)\.|os\.)?homedir\(\))\}|\{(?:os\.environ\[['"]HOME['"]\]|Path\.home\(\)|os\.path\.expanduser\(['"]~['"]\))\})(?=\/)/;
export const homeInterpolated = (lit: string): string => lit.replace(HOME_INTERPOLATED, '~');

/** Where containers mount the host's root, before one of the root's own folders. */
const HOST_MOUNT = /^\/(?:host|rootfs|hostfs|host-root|hostroot)\/(?=(?:etc|root|home|var|run|usr|opt|srv|boot|proc)(?:\/|$))/;
/** The host's root mounted into a container (`/host/etc/shadow`, `/rootfs/root/.ssh`) names the host's own file. */
export const hostRooted = (p: string): string => p.replace(HOST_MOUNT, '/');

/** `/home/alice/.ssh/x`, `/root/.ssh/x`, `$HOME/.ssh/x`, `~bob/.ssh/x` → `~/.ssh/x`; `a/./b//c` → `a/b/c`. */
export const canonicalPath = memoize(canonicalPathOf);

function canonicalPathOf(p: string): string {
  let s = p.trim();
  if (s.startsWith('file://')) s = s.slice(7);
  s = hostRooted(s);
  s = s.replace(HOME_PREFIX, '~');
  if (s.startsWith('/home/*/') || s.startsWith('/Users/*/')) s = '~' + s.slice(s.indexOf('/*/') + 2);
  s = s.replace(/\/{2,}/g, '/');
  const parts: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '.') continue;
    const last = parts[parts.length - 1];
    if (seg === '..' && last !== undefined && last !== '..' && last !== '' && last !== '~') { parts.pop(); continue; }
    parts.push(seg);
  }
  let out = parts.join('/');
  if (out.startsWith('./')) out = out.slice(2);
  if (out.length > 1 && out.endsWith('/')) out = out.slice(0, -1);
  return out;
}

function excluded(entry: SensitivePath, path: string): boolean {
  if (!entry.except) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return entry.except.some((e) => (e.includes('/') ? globMatch(e, path) : globMatch(e, base)));
}

const COMPILED: ReadonlyArray<{ entry: SensitivePath; patterns: CompiledGlob[] }> = SENSITIVE_PATHS.map((entry) => ({ entry, patterns: entry.patterns.map(compileGlob) }));

/** Folders too broad or too system-owned to call a secret store although secrets live below them. */
const BROAD_DIRECTORIES = new Set(['~', '/', '/etc', '/var', '/srv', '/run', '/var/run', '/usr', '/dev', '/proc', '/private', '/Library', '~/Library', '~/.local', '~/.local/share', '~/Library/Application Support', '~/.config', '/var/db', '/lib', '/lib/x86_64-linux-gnu']);
export const broadDirectory = (dir: string) => BROAD_DIRECTORIES.has(dir);

/**
 * The sensitive location a path (or a glob the user typed) refers to, if any.
 * A glob counts when it would match one of the entry's concrete examples, or when one path it
 * expands to (globInstance) is sensitive.
 */
export const classifyPath = memoize(classifyPathOf);

function classifyPathOf(raw: string): SensitivePath | undefined {
  if (raw.length === 0 || raw.length > 4096) return undefined;
  const path = canonicalPath(raw);
  if (!hasGlob(path)) return classifyConcrete(path);
  // wildcards alone (`*`, `**/*`) name no file in particular: what they reach is wherever they run
  if (!/[^*?/]/.test(path)) return undefined;
  // a relative glob that opens with a wildcard (`**/*.log`) reaches below wherever it runs, not into /var/log: it is
  // read under a folder of no meaning, so only what it names itself (`**/id_rsa`, `**/.env`) classifies it
  if (/^[*?[]/.test(path)) {
    for (const { entry } of COMPILED) if (entry.examples.some((ex) => !/^[/~]/.test(ex) && globMatch(path, ex, true))) return entry;
    return classifyConcrete(globInstance(`/cwd/${path}`));
  }
  for (const { entry } of COMPILED) {
    if (entry.examples.some((ex) => globMatch(path, ex, true) || globMatch(path.replace(/^~\//, '/root/'), ex, true) || (ex.startsWith('~/') && !path.startsWith('~') && inSomeHome(path, ex.slice(2))))) return entry;
  }
  // the examples are a few names; one expansion of the glob checks it against every pattern too
  return classifyConcrete(globInstance(path));
}

// A glob over every home written out (`/h*e/` then `*` then `/.*h/i*a`), or over one user's (`/h??e/ml??/`), matching an
// example of a home's file (`.ssh/id_rsa`).
const inSomeHome = (glob: string, rest: string) => {
  const user = glob.split('/', 3)[2] ?? 'dev';
  const name = hasGlob(user) ? globInstance(user) : user;
  return [`/home/dev/${rest}`, `/root/${rest}`, `/Users/dev/${rest}`, `/home/${name}/${rest}`, `/Users/${name}/${rest}`].some((p) => globMatch(glob, p, true));
};

function classifyConcrete(path: string): SensitivePath | undefined {
  for (const { entry, patterns } of COMPILED) {
    if (!entry.needles.some((n) => path.includes(n)) || excluded(entry, path)) continue;
    if (patterns.some((p) => compiledMatch(p, path))) return entry;
  }
  // the same file in another root: each strip shortens the path, so this ends
  const mounted = MOUNTED_ROOT.exec(path);
  return mounted ? classifyConcrete(canonicalPath(path.slice(mounted[0].length))) : undefined;
}

/**
 * Another system's root as a container or a rescue mount sees it: the host's through `/proc/1/root`
 * or a `-v /:/host` volume, a disk mounted on /mnt. `/mnt/etc/shadow` is the host's password hashes. (And macOS's
 * /etc, /var and /tmp, which are /private's; and the node images a cluster boots from, xCAT's `rootimg` and Warewulf's
 * `rootfs`: their /etc is every compute node's.)
 */
const MOUNTED_ROOT = /^\/(?:proc\/(?:\d+|self)\/root|host|hostfs|rootfs|mnt|media\/[^/]+|private(?=\/(?:etc|var|tmp)\/)|install\/netboot\/[^/]+\/[^/]+\/[^/]+\/rootimg|var\/lib\/warewulf\/(?:chroots|containers)\/[^/]+\/rootfs)(?=\/)/;

/** A word that names a file rather than being a flag, a URL or prose. */
export const looksLikePath = memoize(looksLikePathOf);

function looksLikePathOf(word: string): boolean {
  if (word.length === 0 || word.length > 4096 || word.startsWith('-') || word.includes('://')) return false;
  if (/\s/.test(word) && !/Login Data|Web Data|Local State|Local Storage|Application Support|Group Containers|Telegram Desktop|User Data/.test(word)) return false;
  return word.includes('/') || word.startsWith('.') || word.startsWith('~') || /\.(pem|key|p12|pfx|kdbx|jks|env|keychain(-db)?|tfstate(\.backup)?)$/.test(word) || /^(id_[a-z0-9]+|wallet\.dat|credentials(\.json|\.ya?ml|\.csv)?|authorized_keys|secrets?(\.txt|\.json|\.ya?ml|\.toml)?|passwords?(\.txt|\.csv|\.json)?)$/.test(word);
}

/** A container's stdout log under Docker's data directory (`/var/lib/docker/containers/<id>/<id>-json.log`), a glob of them too. */
export const containerLog = (canonical: string) => /^\/var\/lib\/docker\/containers\/[^/]+\/[^/]+-json\.log(?:\.\d{1,3})?$/.test(canonical);

/** Staging places and hidden names outside home: where droppers put what they run (`/dev/shm/.b`, `/usr/local/bin/.svc`). */
export function isStagingPath(p: string): boolean {
  const c = canonicalPath(p);
  if (inTemp(c)) return true;
  if (!c.includes('/.') || !hasHiddenName(c)) return false;
  return c.startsWith('~/') ? c.startsWith('~/Library/') : c.startsWith('/');
}

/**
 * Dot-directories that language tools make and run programs from (a project's virtualenv, node_modules/.bin, a
 * root account's cargo or pip --user bin): named by convention, not to hide.
 */
// (and web frameworks' and deploy tools' build output: `COPY --from=build /app/.next/standalone ./`)
const TOOL_DOT_DIRS = new Set(['.venv', '.virtualenvs', '.tox', '.nox', '.bin', '.pnpm', '.yarn', '.cargo', '.rustup', '.local', '.npm', '.nvm', '.pyenv', '.rbenv', '.gem', '.bundle', '.gradle', '.m2', '.deno', '.bun', '.sdkman', '.asdf', '.poetry', '.conda', '.git', '.github', '.next', '.nuxt', '.svelte-kit', '.output', '.vercel', '.turbo', '.angular', '.docusaurus', '.expo', '.serverless', '.aws-sam', '.terraform']);

/** Whether a path has a component named to be hidden: a dot name that is not one of the tool directories above. */
export function hasHiddenName(path: string): boolean {
  for (let at = path.indexOf('/.'); at >= 0; at = path.indexOf('/.', at + 2)) {
    const end = path.indexOf('/', at + 1);
    if (!TOOL_DOT_DIRS.has(path.slice(at + 1, end < 0 ? undefined : end))) return true;
  }
  return false;
}

/** World-writable directories; macOS's /Users/Shared is one, and where its droppers stage. */
const TEMP_ROOTS = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/', '/private/tmp/', '/private/var/tmp/', '/Users/Shared/'];

/** A path under a world-writable temp directory. */
export function inTemp(path: string): boolean {
  return TEMP_ROOTS.some((r) => path.startsWith(r) || path === r.slice(0, -1));
}

/** A canonical path where files from elsewhere land: a world-writable temp directory or a user's Downloads. */
export function inDownloadsOrTemp(path: string): boolean {
  return inTemp(path) || /^(?:~|\/home\/[^/]+|\/Users\/[^/]+)\/Downloads\//.test(path);
}

/** Files whose commands CI, an editor or a build runs by itself: pipelines, folder-open tasks, dev-container hooks, build scripts. */
const AUTOMATION_FILES = [
  '.gitlab-ci.yml', '.gitlab-ci.yaml', '.circleci/config.yml', '.circleci/config.yaml', 'bitbucket-pipelines.yml', 'azure-pipelines.yml', 'azure-pipelines.yaml', '.buildkite/pipeline.yml', '.buildkite/pipeline.yaml', '.travis.yml', '.drone.yml', 'Jenkinsfile',
  '.vscode/tasks.json', '.devcontainer/devcontainer.json', '.devcontainer.json',
  // a GitHub Action's definition: its composite steps run in the CI of every repository that uses the action
  'action.yml', 'action.yaml',
  // an Xcode project's shell script build phases run on every build
  'project.pbxproj',
  // build files that install, test and build steps run by themselves: pip, pytest, cargo, make, docker build
  'setup.py', 'conftest.py', 'noxfile.py', 'build.rs', 'Makefile', 'GNUmakefile', 'Rakefile', 'Dockerfile', 'CMakeLists.txt', '.bazelrc',
  // and the other build systems' files, read or run by every configure and build: autotools, Meson, Ninja, Bazel, SCons, waf, Conan, just
  'configure', 'configure.ac', 'configure.in', 'meson.build', 'build.ninja', 'BUILD', 'BUILD.bazel', 'WORKSPACE', 'WORKSPACE.bazel', 'MODULE.bazel', 'SConstruct', 'SConscript', 'wscript', 'conanfile.py', 'justfile', 'Justfile',
  // CocoaPods runs a Podfile's hooks on every `pod install`, fastlane a Fastfile's lanes
  'Podfile', 'Fastfile',
  // pre-commit runs its hooks' entries on every commit
  '.pre-commit-config.yaml',
  // a project's own installers, which its users pipe to a shell
  'install.sh', 'setup.sh', 'bootstrap.sh',
  // editors and terminal tools run their startup files on every start (`autocmd … !cmd`, tmux `run-shell`)
  '.vimrc', '.gvimrc', '.config/nvim/init.vim', '.config/nvim/init.lua', '.emacs', '.emacs.d/init.el', '.tmux.conf', '.config/tmux/tmux.conf', '.pythonrc.py', '.pythonstartup',
  // Julia and R run their startup files in every session (R's site-wide one for every user of the installation)
  '.julia/config/startup.jl', '.Rprofile', 'Rprofile.site',
  // Nextflow runs a config's beforeScript and afterScript before and after every task, Snakemake a Snakefile's shell rules
  'nextflow.config', 'Snakefile',
  // ssh runs ProxyCommand and LocalCommand on every connection, and sshd runs ~/.ssh/rc on every login
  '.ssh/config', '.ssh/rc',
  // the AWS CLI runs a `!` alias as shell whenever the alias is typed
  '.aws/cli/alias',
  // Gradle runs the user's init scripts before every build of every project
  '.gradle/init.gradle', '.gradle/init.gradle.kts',
];
/** Compose files, whose services' commands `docker compose up` runs: `compose.yaml`, `docker-compose.override.yml`. */
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:\.[\w-]{1,40})?\.ya?ml$/;
/** Makefiles by their other names (`Makefile.local`, `rules.mk`), CMake's included scripts, which run at configure time, and an Xcode project, whose Run Script phases run at every build. */
const BUILD_SCRIPT = /(?:^|\/)(?:GNU)?[Mm]akefile\.[\w-]{1,40}$|\.(?:mk|cmake|bzl|ninja)$|\.xcodeproj\/project\.pbxproj$/;
/** certbot's settings and renewal files, whose hooks run as root on every renewal, and its hook folders. */
const CERT_RENEWAL = /(?:^|\/)letsencrypt\/(?:cli\.ini|renewal\/[^/]+\.conf|renewal-hooks\/(?:pre|post|deploy)\/[^/]+)$/;
/** Desktop launchers and URL handlers, which run their `Exec=` line whenever the app or a link is opened. */
const LAUNCHER = /(?:^|\/)(?:\.local\/)?share\/applications\/[^/]+\.desktop$/;
/**
 * A research cluster's job hooks: Slurm's prolog and epilog scripts (and the templates configuration management
 * renders them from), which run as root on every node of every job; Open OnDemand's interactive-app templates, run
 * at each session's start; environment modules, run by every `module load`; Spack's package recipes, run by every
 * install of the package.
 */
const CLUSTER_HOOKS = /(?:^|\/)(?:task_)?(?:prolog|epilog)(?:[\w.-]{0,40}\.(?:sh|bash)(?:\.j2)?|\.d\/[^/]{1,128})$|(?:^|\/)ood\/apps\/(?:[^/]{1,128}\/){1,4}template\/(?:before|after|script)\.sh(?:\.erb)?$|(?:^|\/)modulefiles\/(?:[^/]{1,128}\/){0,6}[^/]{1,128}$|(?:^|\/)packages\/[\w.-]{1,128}\/package\.py$/;
/**
 * Home automation's configuration, which runs what it names: Home Assistant's shell commands and automations, and
 * Node-RED's settings file, loaded as code at every start.
 */
const HOME_AUTOMATION = /^\/config\/(?:configuration|automations|scripts)\.yaml$|(?:^|\/)\.?homeassistant\/(?:configuration|automations|scripts)\.yaml$|(?:^|\/)\.node-red\/settings\.js$/;
/**
 * Backup tools' settings, whose hooks run a command as root on every backup: rsnapshot's cmd_preexec, borgmatic's
 * before_backup, Bacula's and Bareos's RunBeforeJob, sanoid's pre_snapshot_script.
 */
const BACKUP_HOOKS = /^\/etc\/(?:rsnapshot\.conf|borgmatic(?:\.d)?\/[^/]+\.ya?ml|bacula\/bacula-(?:dir|fd)\.conf|bareos\/(?:[^/]+\/){0,3}[^/]+\.conf|sanoid\/sanoid\.conf)$|(?:^|\/)\.config\/borgmatic(?:\.d)?\/[^/]+\.ya?ml$/;
/**
 * Airflow's DAG files, which its scheduler imports every half minute, and its local settings, which every Airflow
 * process imports; Laravel's console kernel and console routes, whose schedule the server's cron runs every minute.
 */
const SCHEDULER_CODE = /(?:^|\/)dags\/(?:[^/]+\/){0,4}[^/]+\.py$|(?:^|\/)airflow_local_settings\.py$|(?:^|\/)app\/Console\/Kernel\.php$|(?:^|\/)routes\/console\.php$/;
/**
 * IPython runs every file in a profile's startup directory when it starts, Gradle every init script in ~/.gradle/init.d
 * before each build, and Vim and Neovim every script in their plugin directories (and Neovim's Lua modules its setup loads).
 */
const STARTUP_DIR_FILE = /(?:^|\/)\.ipython\/profile_[^/]+\/startup\/[^/]+$|(?:^|\/)\.gradle\/init\.d\/[^/]+\.gradle(?:\.kts)?$|(?:^|\/)(?:\.vim|\.config\/nvim)\/(?:after\/)?plugin\/[^/]+\.(?:vim|lua)$|(?:^|\/)\.config\/nvim\/lua\/.+\.lua$/;

/** A file whose commands CI, an editor or a build runs by itself (AUTOMATION_FILES, or a GitHub Actions workflow). */
export function automationFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  if (path.slice(0, slash).endsWith('.github/workflows') && (path.endsWith('.yml') || path.endsWith('.yaml'))) return true;
  // Terraform runs a configuration's local-exec provisioners and external data programs on plan and apply
  if (path.endsWith('.tf')) return true;
  // and Packer a template's provisioners, on the machine every later server starts from
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json')) return true;
  if (STARTUP_DIR_FILE.test(path) || COMPOSE_FILE.test(path) || BUILD_SCRIPT.test(path) || LAUNCHER.test(path) || CERT_RENEWAL.test(path) || SCHEDULER_CODE.test(path) || BACKUP_HOOKS.test(path) || CLUSTER_HOOKS.test(path) || HOME_AUTOMATION.test(path)) return true;
  return AUTOMATION_FILES.some((f) => path === f || path.endsWith('/' + f));
}

/** Files that are read, never run, whatever they hold: notes, lists, logs, data (a decoded payload saved as a .txt to study). */
export const READ_NOT_RUN = /\.(?:txt|md|markdown|rst|adoc|csv|log|jsonl|ndjson)$/i;

/** Source files of the languages agents write. */
// (and Ruby's build files, which have no extension: a Podfile's hooks run on `pod install`, a Fastfile's lanes on every lane)
export const SOURCE_FILE = /\.(?:py|pyw|js|mjs|cjs|jsx|ts|tsx|rb|go|php|java|kt|kts|rs|cs|pl|lua|sh|bash|zsh|ps1|gradle)$|(?:^|\/)(?:Podfile|Fastfile|Gemfile|Rakefile|Vagrantfile)$/;

/** A file something runs later by itself: a startup or hook location, a CI pipeline or build file, or `package.json` (its scripts). */
export function runsLater(path: string): boolean {
  return classifyPath(path)?.role === 'exec-location' || automationFile(canonicalPath(path)) || /(?:^|\/)package\.json$/.test(path);
}

/**
 * A path under a project's test data (`tests/fixtures/x`, `/srv/app/testdata/y`): what is written
 * there is material for tests, not a credential file or an instruction to anyone.
 */
export function isTestData(path: string): boolean {
  return /(?:^|\/)(?:tests?|spec|__tests__|fixtures|testdata|test-data)\//.test(path) && !path.startsWith('/etc/') && !path.startsWith('~/.');
}

/** A hidden name under a temp directory (`/tmp/.x.tgz`, `/dev/shm/.c/`): staging meant not to be seen. */
export function hiddenInTemp(path: string): boolean {
  const root = TEMP_ROOTS.find((r) => path.startsWith(r));
  if (!root) return false;
  return path.slice(root.length).split('/').some((seg) => seg.length > 1 && seg.startsWith('.') && seg !== '..');
}

/** The first string of a string array argument that the engine's path classes call a secret, else the first. */
export function pathFromList(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const paths = v.filter((p): p is string => typeof p === 'string');
  if (paths.length === 0) return undefined;
  return field(paths.find((p) => classifyPath(p)?.role === 'secret') ?? paths[0]!);
}
