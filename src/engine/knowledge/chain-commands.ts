import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';

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
// (and a ProxyAdmin's `upgrade(proxy, implementation)`, and ownership renounced: control handed to no one, for good)
const CONTROL_CALLS = /^(?:transferOwnership|upgradeTo|upgradeToAndCall|upgrade|upgradeAndCall|changeAdmin|changeProxyAdmin|setAdmin|setOwner|transferAdmin|setPendingOwner|addOwnerWithThreshold|swapOwner|grantRole|renounceOwnership)\(/;
/** An account address written out: Ethereum's hex, or a Solana public key in base58. */
const LITERAL_ADDRESS = /^(?:0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{32,44})$/;
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
    // (the wallet's own balance read back as the value: `--value $(cast balance $DEPLOYER)`)
    const value = optionValue(c.argv, ['--value']) ?? '';
    return /^\$\(cast balance\b/.test(value) ? `the whole balance to ${send.words[0]}` : undefined;
  }
  // Polkadot's whole balance (`tx.balances.transferAll`), geth told to send the account's balance, a Cosmos key's
  // spending granted to another address (`tx authz grant … --msg-type …MsgSend`)
  if (c.name === 'polkadot-js-api' && c.argv.includes('tx.balances.transferAll') && !c.argv.some((w) => /westend|rococo|paseo|localhost|127\.0\.0\.1/.test(w))) return 'the whole balance: tx.balances.transferAll';
  if (c.name === 'geth' && c.argv[1] === 'attach' && c.argv.some((w) => w.length < 4096 && /eth\.sendTransaction\([^)]{0,300}eth\.getBalance\(/.test(w))) return 'the whole balance: eth.sendTransaction';
  if (/^[a-z]{3,16}d$/.test(c.name) && c.argv[1] === 'tx' && c.argv[2] === 'authz' && c.argv[3] === 'grant' && c.argv.some((w) => /MsgSend$/.test(w)) && !/testnet|devnet|local/i.test(optionValue(c.argv, ['--chain-id']) ?? '')) return `spending granted to ${c.argv[4] ?? 'another address'}`;
  if ((c.name === 'solana' && c.argv[1] === 'transfer') || (c.name === 'spl-token' && c.argv[1] === 'transfer')) {
    return c.argv.slice(2).includes('ALL') && !solanaTestCluster(c) ? `the whole balance: ${c.argv.slice(0, 5).join(' ')}` : undefined;
  }
  return undefined;
}

/**
 * A contract's owner, proxy, admin role, upgrade or mint authority handed to another address on a live network, and
 * whether that address is written out in the line (rather than a variable the team set, `$SAFE_ADDRESS`).
 */
export function controlHandedOver(c: SimpleCommand): { what: string; literal: boolean } | undefined {
  const send = castSend(c);
  if (send) {
    if (send.unlocked || (send.rpc !== undefined && PLAYGROUND.test(send.rpc))) return undefined;
    const [contract = '', sig = '', ...args] = send.words;
    if (!CONTROL_CALLS.test(sig)) return undefined;
    // the new holder: the last address among the arguments (`upgrade(proxy, implementation)`, `grantRole(role, account)`)
    const to = [...args].reverse().find((w) => LITERAL_ADDRESS.test(w) || /^\$\{?\w+\}?$/.test(w)) ?? '';
    return { what: `${sig.slice(0, sig.indexOf('('))} of ${contract}${to ? ` to ${to}` : ''}`, literal: LITERAL_ADDRESS.test(to) || sig.startsWith('renounceOwnership(') };
  }
  const solana = (what: string, to: string | undefined) => (solanaTestCluster(c) ? undefined : { what, literal: LITERAL_ADDRESS.test(to ?? '') });
  if (c.name === 'solana' && c.argv[1] === 'program' && c.argv[2] === 'set-upgrade-authority' && c.argv.includes('--new-upgrade-authority')) return solana(`upgrade authority of ${c.argv[3] ?? 'a program'} handed over`, optionValue(c.argv, ['--new-upgrade-authority']));
  // a token's mint, freeze or account authority given to another key (`spl-token authorize MINT mint NEW`)
  if (c.name === 'spl-token' && c.argv[1] === 'authorize' && /^(?:mint|freeze|owner|close)$/.test(c.argv[3] ?? '') && c.argv[4] !== undefined && !c.argv[4].startsWith('-')) return solana(`${c.argv[3]} authority of ${c.argv[2]} handed to ${c.argv[4]}`, c.argv[4]);
  if (c.name === 'metaboss' && c.argv[1] === 'set' && /^update-authority/.test(c.argv[2] ?? '') && c.argv.includes('--new-update-authority')) return { what: 'update authority of the collection handed over', literal: LITERAL_ADDRESS.test(optionValue(c.argv, ['--new-update-authority']) ?? '') };
  return undefined;
}

/** Deploy scripts, tasks and their config: what runs with the deployer's key on the next deploy. */
const DEPLOY_CODE = /(?:^|\/)(?:scripts?|tasks?|deploy|deployments|ignition|script)\/[^/]{1,128}\.(?:[cm]?[jt]s|sol|py)$|\.s\.sol$|(?:^|\/)hardhat\.config\.[cm]?[jt]s$/;
/** A call or assignment in code that hands control or tokens to an address written into it. */
const TYPED_HANDOVER = /\b(?:transferOwnership|grantRole|upgradeTo|upgradeToAndCall|upgradeProxy|changeAdmin|setOwner|addOwnerWithThreshold|approve|increaseAllowance|setApprovalForAll|safeTransfer|transfer)\s{0,4}\((?:[^()]|\([^()]{0,80}\)){0,200}?(0x[0-9a-fA-F]{40})\b|\b(?:recipient|beneficiary|treasury|newOwner|owner|admin)\s{0,4}=\s{0,4}["'](0x[0-9a-fA-F]{40})["']/;
/** The accounts every local node funds from its test mnemonic (anvil's and Hardhat's first three), which hold nothing real. */
const TEST_ACCOUNTS = new Set(['0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc']);

/**
 * A deploy script or task that now hands a contract's control or tokens to an address written into it (`transferOwnership("0x8f3C…")`
 * in place of the team's Safe, an unlimited approve to a typed spender, `const recipient = "0x…"`): the next deploy sends them there.
 */
export function handoverWrittenIntoDeploy(path: string, text: string): string | undefined {
  if (!DEPLOY_CODE.test(path) || /(?:^|\/)(?:test|tests|mocks?)\//.test(path)) return undefined;
  const m = TYPED_HANDOVER.exec(text.slice(0, 65536));
  const to = m?.[1] ?? m?.[2];
  return m && to && !TEST_ACCOUNTS.has(to.toLowerCase()) ? m[0].slice(0, 160) : undefined;
}
