import { createRequire as __pxCreateRequire } from 'node:module'; const require = __pxCreateRequire(import.meta.url);

// src/cli/main.ts
console.log("proxilion");
//# sourceMappingURL=cli.js.map
