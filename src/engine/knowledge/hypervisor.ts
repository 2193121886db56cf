import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';

/**
 * Hypervisors and their management (VMware ESXi and vCenter, Proxmox VE, libvirt and QEMU, VirtualBox, Xen): the
 * settings that weaken a host, the consoles opened to the network without a password, the administrator grants, and
 * the commands that destroy machines in bulk. Single machines, snapshots and disks removed by name are ordinary work.
 */

const words = (c: SimpleCommand) => c.argv.join(' ');

/** What a command weakens on a hypervisor host, if anything. */
export function hypervisorWeakened(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const line = words(c);
  if (c.name === 'vim-cmd') {
    if (/\bhostsvc\/(?:enable|start)_(?:ssh|esx_shell)\b/.test(line)) return "the host's SSH or shell opened";
    if (/\blockdown_mode_exit\b/.test(line)) return 'lockdown mode left';
    if (/\badvopt\/update\s+(?:UserVars\.SuppressShellWarning\s+long\s+1|Security\.AccountLockFailures\s+long\s+0)\b/.test(line)) return 'its warnings or lockouts turned off';
    return undefined;
  }
  if (c.name === 'esxcli') {
    if (/\bnetwork firewall (?:set --enabled(?:=| )false|unload)\b/.test(line)) return "the host's firewall off";
    if (/\bsystem settings kernel set\b/.test(line) && /\bexecInstalledOnly\b/.test(line) && /\s-v(?:=| )FALSE\b|--value(?:=| )FALSE\b/i.test(line)) return 'programs from anywhere allowed to run (execInstalledOnly off)';
    if (/\bsoftware acceptance set\b/.test(line) && /CommunitySupported/.test(line)) return 'unsigned community packages accepted';
    if (/\bsoftware vib install\b/.test(line) && a.includes('--no-sig-check')) return 'a package installed without its signature checked';
    if (/\bsystem syslog config set\b/.test(line) && (a.includes('--loghost=') || optionValue(a, ['--loghost']) === '')) return "the host's logs no longer sent out";
    if (/\bsystem auditrecords (?:local|remote) disable\b/.test(line)) return "the host's audit records off";
    if (/\bsystem settings advanced set\b/.test(line) && /esxAdminsGroup\b/.test(line)) return 'a directory group made the hosts\' administrators';
    return undefined;
  }
  if (c.name === 'pve-firewall') return a[1] === 'stop' ? "Proxmox's firewall stopped" : undefined;
  if (c.name === 'pvesh') return a[1] === 'set' && /\/firewall\/options$/.test(a[2] ?? '') && optionValue(a, ['--enable']) === '0' ? "Proxmox's firewall off" : undefined;
  if (c.name === 'govc') return a[1] === 'host.service' && a.includes('start') && a.some((w) => w === 'TSM-SSH' || w === 'TSM') ? "the hosts' SSH or shell opened" : undefined;
  return undefined;
}

/** A virtual machine's console or the hypervisor's API opened to the network without a password. */
export function consoleOpened(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const line = words(c);
  if ((c.name === 'VBoxManage' || c.name === 'vboxmanage') && a[1] === 'modifyvm') return optionValue(a, ['--vrde']) === 'on' && optionValue(a, ['--vrdeauthtype']) === 'null' ? "a VM's remote display open without authentication" : undefined;
  if (c.name === 'virt-xml') return /--graphics\s+vnc,[^\s]*listen=0\.0\.0\.0/.test(line) && /\bpassword=(?:,|$|\s)/.test(line) ? "a VM's console on every interface with an empty password" : undefined;
  if (c.name === 'qm' && a[1] === 'set') return /-vnc\s+0\.0\.0\.0:\d+/.test(optionValue(a, ['--args']) ?? '') && !/password/.test(optionValue(a, ['--args']) ?? '') ? "a VM's console on every interface" : undefined;
  if (c.name === 'chmod') return /^0?[0-7]?[0-7][0-7][2367]$/.test(a[1] ?? '') && a.some((w) => /\/libvirt(?:\/libvirt)?-sock$/.test(w)) ? "libvirt's control socket open to every local user" : undefined;
  return undefined;
}

/** A configuration file's text that opens a console or the hypervisor's API without a password. */
export function consoleConfigOpened(path: string, text: string): string | undefined {
  const t = text.slice(0, 65536);
  if (/\/libvirt\/libvirtd\.conf$/.test(path) && /^\s*auth_tcp\s*=\s*"none"/m.test(t)) return "libvirt's TCP API without authentication";
  if (/\/libvirt\/qemu\.conf$/.test(path) && /^\s*vnc_listen\s*=\s*"0\.0\.0\.0"/m.test(t) && !/^\s*vnc_password\s*=\s*"[^"]+"/m.test(t)) return "every VM's console on every interface without a password";
  if (/\.vmx$/.test(path) && /RemoteDisplay\.vnc\.enabled\s*=\s*"TRUE"/i.test(t) && !/RemoteDisplay\.vnc\.password/i.test(t)) return "a VM's console open without a password";
  return undefined;
}

/** Listings of every machine, snapshot or backup on a host, whose output feeds a loop or xargs. */
const LISTS_ALL = /\bvmsvc\/getallvms\b|\bqm list\b|\bpct list\b|\bxl list\b|\bVBoxManage list vms\b|\bvboxmanage list vms\b|\bgovc find\b|\besxcli vm process list\b|\bvirsh list\b|\bqm listsnapshot\b|\bpvesm list\b/;
/** Commands that destroy a machine, its snapshots or its backups. */
function destroysMachine(c: SimpleCommand): boolean {
  const a = c.argv;
  const line = words(c);
  switch (c.name) {
    case 'vim-cmd': return /\bvmsvc\/(?:destroy|snapshot\.removeall|snapshot\.remove|unregister)\b/.test(line);
    case 'qm': case 'pct': return a[1] === 'destroy' || a[1] === 'delsnapshot';
    case 'xl': return a[1] === 'destroy';
    case 'virsh': return a[1] === 'undefine' || a[1] === 'destroy' || a[1] === 'snapshot-delete';
    case 'VBoxManage': case 'vboxmanage': return a[1] === 'unregistervm' && a.includes('--delete');
    case 'govc': return a[1] === 'vm.destroy' || a[1] === 'snapshot.remove';
    case 'esxcli': return /\bvm process kill\b/.test(line);
    case 'pvesm': return a[1] === 'free';
    default: return false;
  }
}

/** What a line destroys in bulk: every machine or backup a listing names, a storage pool or datastore, every snapshot. */
export function machinesDestroyed(commands: readonly SimpleCommand[]): string | undefined {
  const lists = commands.some((c) => LISTS_ALL.test(words(c).slice(0, 512)));
  for (const c of commands) {
    const a = c.argv;
    if (lists && destroysMachine(c)) return `${words(c).slice(0, 120)} for every machine listed`;
    if (c.name === 'ceph' && a[1] === 'osd' && a[2] === 'pool' && a[3] === 'delete') return 'a Ceph storage pool deleted';
    if (c.name === 'proxmox-backup-manager' && a[1] === 'datastore' && a[2] === 'remove' && a.includes('--destroy-data')) return 'a backup datastore destroyed with its data';
    if (c.name === 'govc' && a[1] === 'snapshot.remove' && a.at(-1) === '*') return "every snapshot of a VM removed";
    if (c.name === 'vmkfstools' && (a.includes('-U') || a.includes('--deletevirtualdisk'))) return 'a virtual disk deleted';
    // a VM's protection taken off to destroy it, its locks skipped
    if (c.name === 'qm' && a[1] === 'destroy' && a.includes('--skiplock') && commands.some((o) => o.name === 'qm' && o.argv[1] === 'set' && optionValue(o.argv, ['--protection']) === '0')) return 'a protected VM destroyed past its lock';
  }
  return undefined;
}

/** Roles that administer the whole hypervisor or its management. */
const ADMIN_ROLE = /^(?:Administrator|Admin|PVEAdmin)$/;
/** An account made an administrator of a hypervisor, vCenter or Proxmox cluster. */
export function hypervisorAdminGranted(c: SimpleCommand): boolean {
  const a = c.argv;
  switch (c.name) {
    // at the root of the tree (`pveum acl modify / --roles Administrator`)
    // (and a token of root's that carries all its rights, `--privsep 0`)
    case 'pveum': return (a[1] === 'acl' && a[2] === 'modify' && a[3] === '/' && ADMIN_ROLE.test(optionValue(a, ['--roles']) ?? '')) || (a[1] === 'user' && a[2] === 'token' && a[3] === 'add' && /^root@/.test(a[4] ?? '') && optionValue(a, ['--privsep']) === '0');
    case 'govc':
      if (a[1] === 'permissions.set') return ADMIN_ROLE.test(optionValue(a, ['-role']) ?? '') && (a.at(-1) === '/' || a.includes('-propagate=true'));
      return a[1] === 'sso.group.update' && a.includes('-a') && a.at(-1) === 'Administrators';
    case 'esxcli': return a[1] === 'system' && a[2] === 'permission' && a[3] === 'set' && ADMIN_ROLE.test(optionValue(a, ['-r', '--role']) ?? '');
    case 'vim-cmd': return /\bentity_permission_add\b/.test(words(c)) && a.some((w) => ADMIN_ROLE.test(w));
    case 'dir-cli': return a[1] === 'group' && a[2] === 'modify' && optionValue(a, ['--name']) === 'Administrators' && a.includes('--add');
    default: return false;
  }
}
