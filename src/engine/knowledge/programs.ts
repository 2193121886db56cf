/** Crypto miners by binary name: a sure sign that a persisted line is hostile. */
export const MINERS: ReadonlySet<string> = new Set(['xmrig', 'xmrig-notls', 'xmr-stak', 'xmr-stak-cpu', 'minerd', 'cpuminer', 'cpuminer-multi', 'cpuminer-opt', 'cgminer', 'bfgminer', 'ethminer', 't-rex', 'nbminer', 'lolminer', 'lolMiner', 'phoenixminer', 'PhoenixMiner', 'gminer', 'teamredminer', 'srbminer', 'SRBMiner-MULTI', 'nanominer', 'ccminer', 'kdevtmpfsi', 'kinsing', 'xmrigDaemon', 'bminer', 'excavator', 'wildrig', 'rigel']);

/**
 * Ordinary programs that share an offensive tool's name, told apart by their words: Foundry's `chisel` (a Solidity
 * REPL, which has no `server` or `client`), Crytic's `medusa` fuzzer (`medusa fuzz`, `medusa init`).
 */
const NAMESAKES: Readonly<Record<string, (rest: readonly string[]) => boolean>> = {
  chisel: (rest) => rest[0] !== 'server' && rest[0] !== 'client',
  medusa: (rest) => rest[0] === 'fuzz' || rest[0] === 'init' || rest[0] === 'completion',
};
/** Whether a run of an offensive tool's name, with these words after it, is the ordinary program of the same name. */
export const ordinaryNamesake = (name: string, rest: readonly string[]): boolean => NAMESAKES[name]?.(rest) ?? false;

/** Tunnels, relays and scanners whose images are named for them. */
const TOOLS_WITH_OWN_IMAGE = ['chisel', 'frpc', 'frps', 'ngrok', 'gost', 'rathole', 'cloudflared', 'bore', 'socat', 'ncat', 'gs-netcat', 'ligolo-ng', 'revsocks', 'iox', 'nmap', 'masscan', 'zmap', 'naabu', 'nuclei', 'kube-hunter', 'peirates'];
const TOOL_IMAGES: ReadonlySet<string> = new Set([...MINERS].map((m) => m.toLowerCase()).concat(TOOLS_WITH_OWN_IMAGE));

/**
 * The program an image runs when it is named for one (`jpillora/chisel:1.9`, `docker.io/x9k2/xmrig:6.21.0`,
 * `ngrok/ngrok:3`): its entrypoint is that program, so the words after the image in `docker run` and a pod's
 * `args:` are the program's arguments. Undefined for any other image.
 */
export function imageProgram(image: string): string | undefined {
  const path = image.split('@')[0]!;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const bare = (name.includes(':') ? name.slice(0, name.indexOf(':')) : name).toLowerCase();
  return TOOL_IMAGES.has(bare) ? bare : undefined;
}

/** Coding agents' CLIs, which take a task as a prompt on their command line (`claude -p …`, `aider --message …`). */
export const CODING_AGENTS: ReadonlySet<string> = new Set(['claude', 'codex', 'gemini', 'cursor-agent', 'qwen', 'amp', 'aider', 'copilot', 'opencode']);
/** Those that register an MCP server: `claude mcp add[-json]`, `codex mcp add`, `gemini mcp add`. */
const MCP_ADDERS: ReadonlySet<string> = new Set([...CODING_AGENTS].filter((a) => a !== 'aider' && a !== 'copilot' && a !== 'opencode'));

/** Whether an argv registers an MCP server with an agent (`claude mcp add …`, `claude mcp add-json …`). */
export const addsMcpServer = (name: string, argv: readonly string[]): boolean => MCP_ADDERS.has(name) && argv[1] === 'mcp' && (argv[2] === 'add' || argv[2] === 'add-json');

/** C, C++ and Rust compilers, whose `-o` names the program they make. */
export const COMPILERS: ReadonlySet<string> = new Set(['gcc', 'cc', 'clang', 'g++', 'clang++', 'tcc', 'rustc']);
/** Compiler and linker drivers, with a target triple before or a version after (`aarch64-linux-gnu-gcc`, `clang-18`). */
export const COMPILER_DRIVER = /^(?:[\w.]{1,40}-){0,4}(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|ld|ld\.(?:bfd|gold|lld)|lld|ld64\.lld)(?:-\d{1,3}(?:\.\d{1,3}){0,2})?$/;
/** Build tools whose words set build variables or pass flags on to the compiler (`make CC=…`, `cmake -DCMAKE_C_FLAGS=…`, `bazel build --copt=…`, `./configure CFLAGS=…`). */
export const BUILD_TOOLS: ReadonlySet<string> = new Set(['make', 'gmake', 'cmake', 'bazel', 'bazelisk', 'meson', 'ninja', 'scons', 'conan', 'configure', './configure']);

/**
 * Hugging Face organizations that publish the models whose custom code they ship (`trust_remote_code`): the code
 * comes from the model's own authors. Anyone else's repository runs its author's Python on load.
 */
export const MODEL_PUBLISHERS: ReadonlySet<string> = new Set(['microsoft', 'qwen', 'deepseek-ai', 'nomic-ai', 'thudm', 'zai-org', 'mosaicml', 'tiiuae', 'internlm', 'baichuan-inc', '01-ai', 'google', 'meta-llama', 'facebook', 'mistralai', 'nvidia', 'ibm-granite', 'jinaai', 'alibaba-nlp', 'baai', 'openbmb', 'stabilityai', 'apple', 'salesforce', 'allenai', 'bigcode', 'togethercomputer', 'moonshotai', 'minimaxai', 'opengvlab', 'intfloat', 'sentence-transformers', 'huggingfacetb', 'liquidai', 'tencent', 'xai-org', 'openai', 'cohereforai', 'coherelabs', 'ai21labs', 'snowflake', 'databricks', 'llava-hf', 'mixedbread-ai']);
