import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, operands } from '../rule.js';
import { classifyHost } from './hosts.js';

/**
 * Embedded and industrial devices reached from a workstation or a gateway: Modbus, BACnet and OPC UA equipment, a
 * vehicle's CAN bus, routers' and boards' flash, a home's locks and alarm. What these readers answer is what a command
 * does to the physical device: equipment driven, a diagnostic reset sent, the firmware erased, a door unlocked.
 */

/** mbpoll's options that take a value; the rest of its flags (`-1`, `-0`, `-u`, `-W`, `-R`) stand alone. */
const MBPOLL_VALUED = new Set(['-m', '-a', '-r', '-c', '-t', '-b', '-d', '-s', '-P', '-p', '-o', '-l', '-i', '-j']);
/** A device on this machine: a simulator or a test server on the loopback interface. */
const loopback = (target: string) => classifyHost(target.replace(/^[a-z.]+:\/\//, '').replace(/[:/].*$/, '')) === 'loopback';

/**
 * What a command writes to industrial equipment that is not a simulator on this machine: Modbus coils and registers
 * (mbpoll given values to write, modbus-cli's `write`), BACnet properties (`bacwp`) and devices restarted or silenced
 * (`bacrd`, `bacdcc`), OPC UA nodes (`uawrite`) and methods that stop or trip (`uacall`).
 */
export function equipmentWritten(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  switch (c.name) {
    case 'mbpoll': {
      const words: string[] = [];
      for (let k = 1; k < a.length && k < 256; k++) {
        if (a[k] === '--') { words.push(...a.slice(k + 1, k + 64)); break; }
        if (MBPOLL_VALUED.has(a[k]!)) k++;
        else if (!a[k]!.startsWith('-') || (/^-\d/.test(a[k]!) && words.length > 0)) words.push(a[k]!);
      }
      // the device or host, then the values written to it
      return words.length >= 2 && !loopback(words[0]!) ? said() : undefined;
    }
    case 'modbus': return a[1] === 'write' && !loopback(a[2] ?? '') ? said() : undefined;
    case 'bacwp': return said();
    // BACnet's ReinitializeDevice restarts a controller; DeviceCommunicationControl with a state other than 0 silences it
    case 'bacrd': return said();
    case 'bacdcc': return operands(c)[2] !== undefined && operands(c)[2] !== '0' ? said() : undefined;
    case 'uawrite': return !loopback(optionValue(a, ['-u', '--url']) ?? 'localhost') ? said() : undefined;
    // an OPC UA method that stops, trips or resets what it belongs to
    case 'uacall': return !loopback(optionValue(a, ['-u', '--url']) ?? 'localhost') && /stop|shut|halt|trip|reset|emergenc|disable|abort/i.test(optionValue(a, ['-m', '--method']) ?? '') ? said() : undefined;
    default: return undefined;
  }
}

/**
 * The libraries that drive industrial equipment from code, and their calls that write to it or stop it: pymodbus's
 * coil and register writes, snap7's STOP, program download, block delete, data-block and area writes and clock set,
 * asyncua's and python-opcua's value writes, pycomm3's and BAC0's writes.
 */
const EQUIPMENT_LIBRARIES: ReadonlyArray<{ library: RegExp; writes: RegExp }> = [
  { library: /\bpymodbus\b/, writes: /\.write_(?:coils?|registers?)\(/ },
  { library: /\bsnap7\b/, writes: /\.(?:plc_stop|plc_cold_start|plc_hot_start|download|delete|db_write|db_fill|write_area|ab_write|eb_write|mb_write|write_multi_vars|set_plc_datetime|set_plc_system_datetime)\(/ },
  { library: /\b(?:asyncua|opcua)\b/, writes: /\.(?:write_value|set_value|write_attribute|call_method)\(/ },
  { library: /\bpycomm3\b|\bBAC0\b/, writes: /\.write\(/ },
];

/** Code that writes to industrial equipment through one of those libraries, unless every address it names is this machine's. */
export function equipmentScripted(code: string, strings: readonly string[]): boolean {
  const text = code.slice(0, 16384);
  if (!EQUIPMENT_LIBRARIES.some((l) => l.library.test(text) && l.writes.test(text))) return false;
  const addresses = strings.filter((s) => /^(?:localhost|[\d.]{7,15}|[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}|opc\.tcp:\/\/\S{1,200})$/.test(s) && !/\.(?:py|txt|bin|json|csv|ya?ml)$/.test(s));
  return addresses.length === 0 || !addresses.every(loopback);
}

/** Diagnostic (UDS) requests to a vehicle's controllers that reset them, take control of them or rewrite them. */
const UDS_INTRUSIVE = new Set(['11', '27', '28', '2E', '2F', '31', '34', '36', '3D', '85']);
/** The diagnostic addresses: functional (7DF), physical (7E0–7E7), and the 29-bit ones (18DA…). */
const UDS_ID = /^(?:7DF|7E[0-7]|18DA[0-9A-F]{4})$/i;

/**
 * Frames put on a real CAN bus (not a `vcan` test bus) that a vehicle acts on: a diagnostic request that resets an
 * ECU, unlocks it or rewrites it (`cansend can0 7E0#0211010000000000`), or random frames sent with no gap (`cangen -g 0`).
 */
export function canInjected(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'cansend') {
    const bus = a[1] ?? '';
    const frame = /^([0-9A-Fa-f]{3,8})#([0-9A-Fa-f]{2,16})$/.exec(a[2] ?? '');
    if (bus.startsWith('vcan') || !frame || !UDS_ID.test(frame[1]!)) return undefined;
    // a single frame's first byte is its length, the second the service
    return UDS_INTRUSIVE.has(frame[2]!.slice(2, 4).toUpperCase()) ? a.join(' ') : undefined;
  }
  if (c.name === 'cangen') return !(a[1] ?? '').startsWith('vcan') && optionValue(a, ['-g']) === '0' ? a.join(' ') : undefined;
  return undefined;
}

/** Programs that write an image back into flash after erasing it. */
const FLASH_WRITERS = new Set(['flashcp', 'nandwrite', 'mtd', 'sysupgrade']);

/**
 * A device's firmware erased and nothing written back in the same line: OpenWrt's `mtd erase`, `flash_erase` of an
 * MTD partition, flashrom's erase (`-E`), which leave a router, board or PC that no longer boots.
 */
export function firmwareErased(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  const a = c.argv;
  const rewritten = line.some((x) => x !== c && FLASH_WRITERS.has(x.name) && (x.name !== 'mtd' || hasArg(x, 'write')));
  if (rewritten) return undefined;
  if (c.name === 'mtd') return operands(c)[0] === 'erase' ? a.join(' ') : undefined;
  if (c.name === 'flash_erase') return operands(c).some((p) => /^\/dev\/mtd\d{1,3}$/.test(p)) ? a.join(' ') : undefined;
  if (c.name === 'flashrom') return hasArg(c, '-E', '--erase') ? a.join(' ') : undefined;
  return undefined;
}

/** Home Assistant's services that open a home to whoever is outside: doors unlocked, the alarm disarmed, the garage opened. */
const OPENS_HOME = /\/api\/services\/(?:lock\/(?:unlock|open)|alarm_control_panel\/alarm_disarm|cover\/open_cover)\b/;

/** Home Assistant's API asked, at this address, to unlock a door, disarm the alarm or open the garage. */
export const opensHome = (url: string): boolean => OPENS_HOME.test(url.slice(0, 2048));

/** A home's lock, alarm or garage opened through Home Assistant's API by an HTTP client. */
export function homeOpened(c: SimpleCommand): string | undefined {
  return (c.name === 'curl' || c.name === 'wget' || c.name === 'http' || c.name === 'xh') && c.argv.some(opensHome) ? c.argv.join(' ').slice(0, 200) : undefined;
}

/**
 * A device fleet cut off or deleted whole: balena's fleet removed, every device certificate of AWS IoT revoked or
 * deactivated, every device identity of an Azure IoT hub deleted, one after another as a listing names them. Every
 * device goes offline and must be provisioned again on site.
 */
export function fleetDestroyed(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  const a = c.argv;
  const listed = (verb: string) => c.wrappers.includes('xargs') && line.some((x) => x !== c && x.name === c.name && x.argv.includes(verb));
  if (c.name === 'balena') return /^(?:fleet|app)$/.test(a[1] ?? '') && a[2] === 'rm' ? a.join(' ').slice(0, 200) : undefined;
  if (c.name === 'aws' && a[1] === 'iot' && a[2] === 'update-certificate') return a.some((w) => /^(?:REVOKED|INACTIVE)$/.test(w)) && listed('list-certificates') ? a.join(' ').slice(0, 200) : undefined;
  if (c.name === 'az' && a[1] === 'iot' && a.includes('device-identity') && a.includes('delete')) return listed('list') ? a.join(' ').slice(0, 200) : undefined;
  return undefined;
}

/** A device's watchdog and its control runtimes: what restarts a hung controller, and what runs its PLC program. */
const SAFETY_UNITS = /^(?:watchdog|wd_keepalive|codesyscontrol|codesysedge|openplc)(?:\.service)?$/;

/**
 * A device's watchdog or control runtime turned off for good: its unit disabled or masked (a stop for maintenance
 * is not), or the hardware watchdog closed with its magic `V`. A hung controller then stays hung, and a PLC stops.
 */
export function safetyOff(c: SimpleCommand): string | undefined {
  return c.name === 'systemctl' && hasArg(c, 'disable', 'mask') && operands(c).some((u) => SAFETY_UNITS.test(u)) ? c.argv.join(' ').slice(0, 200) : undefined;
}
/** The hardware watchdog closed by its magic character, which stops it from rebooting a hung device. */
export const watchdogClosed = (path: string, text: string): string | undefined => (path === '/dev/watchdog' && text.trim() === 'V' ? 'the hardware watchdog closed' : undefined);
