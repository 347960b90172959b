import { describe, expect, it } from 'vitest';
import { translator } from './i18n/translate.js';
import { importPreviewLine, importResultLine, problemColumnText, WHOLE_ROW_COLUMN } from './member-import-report.js';

const summary = { created: 1, updated: 2, unchanged: 3, kept: 0, invalid: 1 };

describe('the member import report, for the page and the command alike', () => {
  it('words the preview line from the file shape and the counts, in the reader\'s language', () => {
    expect(importPreviewLine({ format: 'csv', encoding: 'utf-8', delimiter: ';', rows: 7 }, summary, translator('en'))).toBe(
      'CSV, utf-8, separated by ";": 7 rows. Would create 1, update 2, leave 3 unchanged, keep 0 as their members\'; 1 invalid.',
    );
    expect(importPreviewLine({ format: 'csv', encoding: null, delimiter: '\t', rows: 7 }, summary, translator('uk'))).toBe(
      'CSV, роздільник — табуляція: рядків: 7. Буде створено: 1, оновлено: 2, без змін: 3, лишиться як в учасника: 0; з помилками: 1.',
    );
    expect(importPreviewLine({ format: 'xlsx', rows: 7 }, summary, translator('en'))).toMatch(/^XLSX: 7 rows\./);
  });

  it('says new members were invited only when the import created some', () => {
    expect(importResultLine(summary, translator('ro'))).toBe('Creați: 1, actualizați: 2, neschimbați: 3, rămași ai membrilor: 0, invalizi: 1. Membrii noi au primit o invitație să își confirme profilul.');
    expect(importResultLine({ ...summary, created: 0 }, translator('en'))).toBe("Created 0, updated 2, unchanged 3, kept as their members' 0, invalid 1.");
  });

  it('names a column as the file does, and a problem of the whole row in the reader\'s language', () => {
    expect(problemColumnText('contact_email', translator('ru'))).toBe('contact_email');
    expect(problemColumnText(WHOLE_ROW_COLUMN, translator('en'))).toBe('(whole row)');
    expect(problemColumnText(WHOLE_ROW_COLUMN, translator('ru'))).toBe('(вся строка)');
  });
});
