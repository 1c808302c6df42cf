import { z } from 'zod';

// Zod 4 probes for eval (`new Function("")`) the moment a z.object() schema is defined. Our CSP
// refuses eval, and Chromium reports the refused probe as a CSP violation even though zod catches
// it. jitless skips the probe (zod parses without compiled fast paths, which the renderer's small
// inputs do not need). This module must be main.tsx's first import so it runs before any schema
// module from shared/contract is evaluated; the e2e suite fails on any CSP violation if it does not.
z.config({ jitless: true });
