import type { SimpleCommand } from '../shell/types.js';

/**
 * On-chain transactions sent from the shell with Foundry's `cast` and the Solana CLIs, read for the two ways a wallet
 * is emptied or a contract taken: a spender given everything, the whole balance sent away, or a contract's owner,
 * proxy admin or upgrade authority handed to another key. Test networks and a local node are left alone.
 */

/** cast's options that take a value, so the transaction's own words are the rest. */
const CAST_VALUED: ReadonlySet<string> = new Set(['--rpc-url', '-r', '--account', '--private-key', '--from', '-f', '--value', '--gas-limit', '--gas-price', '--priority-gas-price', '--nonce', '--chain', '--keystore', '--password', '--password-file', '--mnemonic', '--mnemonic-index', '--etherscan-api-key', '--blob-gas-price', '--auth', '--access-list']);
/** The largest uint256 however it is written: `$(cast max-uint)`, its decimal, 0xff…ff. */
const MAX_UINT = /^(?:\$\(cast max-uint\)|115792089237316195423570985008687907853269984665640564039457584007913129639935|0x[fF]{64}|type\(uint256\)\.max)$/;
/** Calls that give a contract's control away: its owner, its proxy's implementation or admin, a Safe's owners, an admin role. */
const CONTROL_CALLS = /^(?:transferOwnership|upgradeTo|upgradeToAndCall|changeAdmin|changeProxyAdmin|setAdmin|setOwner|transferAdmin|setPendingOwner|addOwnerWithThreshold|swapOwner|grantRole)\(/;
/** A local node or a test network, where nothing of value moves. */
const PLAYGROUND = /^(?:https?:\/\/)?(?:localhost|local|127\.0\.0\.1|0\.0\.0\.0|anvil)\b|sepolia|holesky|hoodi|goerli|testnet|devnet|localnet|amoy|fuji/i;

function castSend(c: SimpleCommand): { words: string[]; rpc?: string; unlocked: boolean } | undefined {
  if (c.name !== 'cast' || c.argv[1] !== 'send') return undefined;
  const words: string[] = [];
  let rpc: string | undefined;
  for (let k = 2; k < c.argv.length && k < 64; k++) {
    const w = c.argv[k]!;
    if (w === '--rpc-url' || w === '-r') rpc = c.argv[k + 1];
    else if (w.startsWith('--rpc-url=')) rpc = w.slice(10);
    if (CAST_VALUED.has(w)) { k++; continue; }
    if (w.startsWith('-') && w.length > 1) continue;
    words.push(w);
  }
  return { words, rpc, unlocked: c.argv.includes('--unlocked') };
}

/** A Solana CLI's cluster (`--url mainnet-beta`, `-u d`): on a test cluster nothing of value moves. */
function solanaTestCluster(c: SimpleCommand): boolean {
  const k = c.argv.findIndex((w) => w === '--url' || w === '-u' || w === '--ul');
  const url = k > 0 ? c.argv[k + 1] ?? '' : c.argv.find((w) => w.startsWith('--url='))?.slice(6) ?? '';
  return PLAYGROUND.test(url) || /^[dtl]$/.test(url);
}

/** A spender given every token, every NFT of a collection approved for an operator, or a wallet's whole balance sent. */
export function fundsGivenAway(c: SimpleCommand): string | undefined {
  const send = castSend(c);
  if (send) {
    if (send.unlocked || (send.rpc !== undefined && PLAYGROUND.test(send.rpc))) return undefined;
    const [, sig = '', to = '', amount = ''] = send.words;
    if (/^(?:approve|increaseAllowance)\(address,uint256\)$/.test(sig) && MAX_UINT.test(amount)) return `unlimited allowance to ${to}`;
    if (sig === 'setApprovalForAll(address,bool)' && amount === 'true') return `every token of ${send.words[0]} to ${to}`;
    return undefined;
  }
  if ((c.name === 'solana' && c.argv[1] === 'transfer') || (c.name === 'spl-token' && c.argv[1] === 'transfer')) {
    return c.argv.slice(2).includes('ALL') && !solanaTestCluster(c) ? `the whole balance: ${c.argv.slice(0, 5).join(' ')}` : undefined;
  }
  return undefined;
}

/** A contract's owner, proxy, admin role or upgrade authority handed to another address on a live network. */
export function controlHandedOver(c: SimpleCommand): string | undefined {
  const send = castSend(c);
  if (send) {
    if (send.unlocked || (send.rpc !== undefined && PLAYGROUND.test(send.rpc))) return undefined;
    const [contract = '', sig = '', to = ''] = send.words;
    return CONTROL_CALLS.test(sig) ? `${sig.slice(0, sig.indexOf('('))} of ${contract} to ${to}` : undefined;
  }
  if (c.name === 'solana' && c.argv[1] === 'program' && c.argv[2] === 'set-upgrade-authority' && c.argv.includes('--new-upgrade-authority') && !solanaTestCluster(c)) return `upgrade authority of ${c.argv[3] ?? 'a program'} handed over`;
  if (c.name === 'metaboss' && c.argv[1] === 'set' && /^update-authority/.test(c.argv[2] ?? '') && c.argv.includes('--new-update-authority')) return 'update authority of the collection handed over';
  return undefined;
}
