// esbuild settings shared by the CDK stack and the bench, so the bench measures what is deployed.
// CommonJS dependencies in an ESM bundle expect require, __filename and __dirname.
export const ESM_BANNER =
  "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);";
export const EXTERNAL = ['@aws-sdk/*'];
