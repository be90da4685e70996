/**
 * zod's settings for the mini-program, applied before any schema exists.
 *
 * WeChat has no `new Function`: on devices it returns a useless value instead of throwing, so zod's JIT would
 * pass its probe and then build parsers that cannot run, and every cloud answer the transport checks would fail.
 * `jitless` keeps zod on its plain parser and skips the probe. zod reads the setting when a schema is built, not
 * when it parses, so this module must run before any module that builds one: src/app.tsx and src/api/transport.ts
 * import it first. tests/components/zodSetup.test.tsx proves the transport parses with `Function` broken.
 */
import * as z from 'zod';

z.config({ jitless: true });
