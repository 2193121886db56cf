import type { SimpleCommand } from '../shell/types.js';
import { hasArg } from '../rule.js';
import { optionValue } from '../shell/command-args.js';
import { isAdminPort } from './ports.js';

/**
 * A private cloud and its storage run from their own command lines: OpenStack's `openstack` (and the older `neutron`),
 * Swift's `swift`, Ceph's `ceph`, `rados`, `radosgw-admin`, `cephadm` and `ceph-volume`, Kolla's `kolla-ansible`,
 * Canonical's `maas` and `juju`, OpenNebula's `one*` tools. The readers below answer what a command does to the
 * cloud as a whole: every tenant's servers, volumes or images deleted, an administrator made, the world let in.
 * Option and verb names from the projects' command references.
 */

/**
 * A list of what a listing hands over (`… list --all-projects -f value -c ID | xargs openstack volume delete`, a loop's
 * variable), unless the listing picks a few by status, name or tag (`server list --status ERROR`: the stuck ones).
 */
const fedByListing = (c: SimpleCommand) => (c.wrappers.includes('xargs') || c.dynamic.some(Boolean)) && !(c.pipeFrom?.argv ?? []).some((w) => /^--(?:status|name|tags?|any-tags?)(?:=|$)/.test(w));

/** A command's words without OpenStack's global options before its verb (`openstack --os-cloud prod-admin role add …`). */
export const openstackWords = (c: SimpleCommand): string[] => (c.name === 'openstack' ? c.argv.filter((x, k) => !x.startsWith('--os-') && !(c.argv[k - 1]?.startsWith('--os-') && !c.argv[k - 1]!.includes('='))) : c.argv);

/** OpenStack's resources whose deletion loses data or service, the multi-word ones as the client spells them. */
const OPENSTACK_RESOURCES = ['server', 'volume', 'image', 'snapshot', 'backup', 'stack', 'network', 'container', 'share', 'loadbalancer'];

/**
 * A private cloud's data or machines destroyed wholesale (PX-IMPACT-016): OpenStack resources deleted for each item a
 * listing hands over, a project deleted, the deployment destroyed; Ceph's cluster, pools, file systems or OSD disks
 * removed; a Juju model destroyed with its storage; Swift's whole account emptied; every VM or image of OpenNebula.
 */
export function privateCloudDestroyed(c: SimpleCommand): boolean {
  const a = openstackWords(c);
  switch (c.name) {
    case 'openstack': {
      const del = a.indexOf('delete');
      if (del < 0) return false;
      // (a project is a tenant: everything it holds goes with it)
      return a[1] === 'project' || (OPENSTACK_RESOURCES.includes(a[del - 1] ?? '') && fedByListing(c));
    }
    case 'kolla-ansible': return a.includes('destroy');
    case 'cephadm': return a[1] === 'rm-cluster';
    case 'ceph-volume': return hasArg(c, 'zap') && hasArg(c, '--destroy');
    case 'rados': return a[1] === 'purge' || a[1] === 'rmpool';
    case 'ceph': return (a[1] === 'fs' && a[2] === 'rm') || (a[1] === 'osd' && a[2] === 'pool' && (a[3] === 'delete' || a[3] === 'rm')) || (a[1] === 'osd' && (a[2] === 'destroy' || a[2] === 'purge') && hasArg(c, '--yes-i-really-mean-it'));
    case 'juju': return ((a[1] === 'destroy-model' || a[1] === 'destroy-controller') && hasArg(c, '--destroy-storage', '--destroy-all-models')) || a[1] === 'kill-controller' || (a[1] === 'run' && a.includes('delete-pool'));
    case 'swift': return a[1] === 'delete' && hasArg(c, '--all', '-a');
    case 'onevm': return (a[1] === 'terminate' || (a[1] === 'recover' && hasArg(c, '--delete'))) && fedByListing(c);
    case 'oneimage': case 'onetemplate': case 'onedatastore': return a[1] === 'delete' && fedByListing(c);
    // machines released with their disks erased, every one a listing names
    case 'maas': return a.includes('release') && a.some((w) => w === 'erase=true') && fedByListing(c);
    default: return false;
  }
}

/** The administrators' role or group, as OpenStack, Ceph and OpenNebula name it. */
const ADMIN_ROLE = /^(?:admin|administrator|cloud-admin|superuser|oneadmin)$/i;

/**
 * An administrator of the private cloud made, or a credential for one minted (PX-PERSIST-022): a Keystone admin role
 * (on a project, or on the whole system), an unrestricted application credential, EC2 credentials for the admin, a
 * trust that impersonates the admin; an RGW system user, a Ceph dashboard administrator, a MAAS superuser, a Juju
 * superuser, a user put in OpenNebula's oneadmin group or given ADMIN on everything.
 */
export function privateCloudAdminMade(c: SimpleCommand): boolean {
  const a = openstackWords(c);
  switch (c.name) {
    case 'openstack':
      if (a[1] === 'role' && a[2] === 'add') return a.slice(3).some((w, k) => ADMIN_ROLE.test(w) && !a[k + 2]?.startsWith('-'));
      if (a[1] === 'application' && a[2] === 'credential' && a[3] === 'create') return hasArg(c, '--unrestricted');
      if (a[1] === 'ec2' && a[2] === 'credentials' && a[3] === 'create') return ADMIN_ROLE.test(optionValue(a, ['--user']) ?? '');
      if (a[1] === 'trust' && a[2] === 'create') return hasArg(c, '--impersonate') && ADMIN_ROLE.test(optionValue(a, ['--role']) ?? '');
      return false;
    case 'radosgw-admin': return a[1] === 'user' && (a[2] === 'create' || a[2] === 'modify') && hasArg(c, '--admin', '--system');
    case 'ceph': return a[1] === 'dashboard' && (a[2] === 'ac-user-create' || a[2] === 'ac-user-set-roles') && a.some((w) => /^administrator$/i.test(w));
    case 'maas': return a.includes('users') && a.includes('create') && a.some((w) => /^is_superuser=(?:1|true)$/i.test(w));
    case 'juju': return a[1] === 'grant' && a.includes('superuser');
    case 'oneuser': return a[1] === 'chgrp' && a.includes('oneadmin');
    case 'oneacl': return a[1] === 'create' && a.some((w) => /\bADMIN\b/.test(w) && /\*\s*$/.test(w.trim()));
    default: return false;
  }
}

/** `0.0.0.0/0` or `::/0` as OpenStack's and Neutron's rules write the whole internet. */
const WORLD = (v: string | undefined) => v === '0.0.0.0/0' || v === '::/0';

/**
 * The cloud or its storage opened to everyone (PX-EVADE-028): a security group rule from the whole internet to every
 * port or an admin or database port, a port's security switched off, a Swift container made world-readable, Ceph's
 * authentication switched off or its insecure ticket reclaim allowed.
 */
export function privateCloudOpened(c: SimpleCommand): boolean {
  const a = openstackWords(c);
  if (c.name === 'openstack' && a[1] === 'security' && a[2] === 'group' && a[3] === 'rule' && a[4] === 'create' && !hasArg(c, '--egress')) {
    if (!WORLD(optionValue(a, ['--remote-ip']))) return false;
    const range = optionValue(a, ['--dst-port']);
    const [low, high] = (range ?? '').split(':');
    // (no port given, a protocol of any, or a range of ports, is every port)
    return range === undefined || (high !== undefined && high !== low) || isAdminPort(low);
  }
  if (c.name === 'neutron' && a[1] === 'security-group-rule-create' && optionValue(a, ['--direction']) !== 'egress') {
    if (!WORLD(optionValue(a, ['--remote-ip-prefix']))) return false;
    const low = optionValue(a, ['--port-range-min']);
    return low === undefined || low !== optionValue(a, ['--port-range-max']) || isAdminPort(low);
  }
  if (c.name === 'openstack' && a[1] === 'port' && a[2] === 'set') return hasArg(c, '--disable-port-security') || hasArg(c, '--no-security-group');
  if (c.name === 'swift' && a[1] === 'post') return /\.r:\*/.test(optionValue(a, ['-r', '--read-acl']) ?? '');
  if (c.name === 'ceph' && a[1] === 'config' && a[2] === 'set') {
    const [key, value] = [a[4] ?? '', a[5] ?? ''];
    return (/^auth_(?:cluster|service|client)_required$/.test(key) && value === 'none') || (key === 'auth_allow_insecure_global_id_reclaim' && value === 'true');
  }
  return false;
}

/** The commands the readers above know. */
export const PRIVATE_CLOUD_TOOLS = ['openstack', 'neutron', 'swift', 'ceph', 'rados', 'radosgw-admin', 'cephadm', 'ceph-volume', 'kolla-ansible', 'maas', 'juju', 'onevm', 'oneimage', 'onetemplate', 'onedatastore', 'oneuser', 'oneacl'];
