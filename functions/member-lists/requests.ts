import * as z from 'zod';
import { LocaleSchema } from '@culturebridge/domain';
import { LEGACY_ENCODINGS } from '@culturebridge/member-lists';

/** An import: the file as base64 (so a binary XLSX survives JSON), and the coordinator's choices. */
export const MemberImportRequest = z.strictObject(
  {
    file: z.base64({ error: 'file: expected the file\'s bytes as base64' }).min(1, { error: 'file: the file is empty' }),
    fileName: z.string().max(255).optional(),
    encoding: z.enum(LEGACY_ENCODINGS, { error: `encoding: expected one of ${LEGACY_ENCODINGS.join(', ')}` }).optional(),
    // Required: a client that forgets it must not import (and mail everyone) by default.
    dryRun: z.boolean({ error: (issue) => (issue.input === undefined ? 'dryRun is required: true for a preview, false to import' : 'dryRun: expected true or false') }),
    /** The mail language of new members whose row names none: the importing coordinator's. */
    locale: LocaleSchema.optional(),
    /**
     * An import continued: the row an earlier answer's `continueFromRow` named (rows before it are
     * done). Only with dryRun false: a preview always reads the whole file.
     */
    fromRow: z.number({ error: 'fromRow: expected a row number' }).int({ error: 'fromRow: expected a whole row number' }).min(2, { error: 'fromRow: rows start at 2, below the header' }).max(Number.MAX_SAFE_INTEGER).optional(),
  },
  { error: 'the body: expected a JSON object with file (base64)' },
).refine((r) => r.fromRow === undefined || !r.dryRun, { error: 'fromRow continues an import; a preview (dryRun true) always reads the whole file', path: ['fromRow'] });
