/**
 * Member lists, for the operator or a coordinator at a terminal:
 *
 *   npm run members -- import --network <id> [--dry-run] [--encoding windows-1251|windows-1250|windows-1252] [--locale ka] <file.csv|file.xlsx>
 *   npm run members -- export --network <id> [--format csv|xlsx] [--delimiter ';'] [--locale ka] [--out <file>]
 *
 * The import previews first (problems per row and column, the summary), then writes unless
 * --dry-run; imported members are mailed an invitation to review and confirm their profile.
 * A legacy single-byte file is refused until its encoding is confirmed with --encoding. --locale is
 * the report's language, worded as the import page words it, and the invitations' language for rows
 * whose `locale` column is empty; for the export, the file's language. Without it the report and
 * the export are in the terminal's language (LC_ALL, LC_MESSAGES, LANG; English if the app does not
 * speak it) and those invitations are in English.
 *
 * Locally (default) it works on `npm start`'s table and mails through its SES local (read from
 * .data/dynamodb/endpoints.json). Against AWS: TABLE_NAME, SENDER_EMAIL, CONFIGURATION_SET and
 * APP_BASE_URL (the stack's outputs), with your usual AWS credentials and region.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SingleBar, Presets } from 'cli-progress';
import { sesMailer } from '@culturebridge/mail';
import { DEFAULT_LOCALE, LOCALES, importPreviewLine, importResultLine, isLocale, problemColumnText, translator } from '@culturebridge/domain';
import { UnreadableFile, errorReportCsv, memberExportFile, parseMemberFile, planImport, problemText } from '@culturebridge/member-lists';
import { AddressBook, MatchStore, NetworkSettingsStore, NetworkStore, ProfileStore, SignInStore, SuppressionStore } from '@culturebridge/store';
import { networkMemberRows } from '../functions/member-lists/member-export.js';
import { importMembers } from '../functions/member-lists/member-import.js';
import { invitationNetworks } from '../functions/member-lists/invitation.js';
import { sendMagicLink } from '@culturebridge/api/magic-link';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';
import { LOCAL_ENDPOINTS_FILE, readLocalEndpoints } from '../local/endpoints-file.js';
import { operatorDocumentClient } from './operator-table.js';
import { environmentLocale } from './cli-locale.js';
import { parseOptions } from './cli-options.js';

const USAGE = `usage:
  npm run members -- import --network <id> [--dry-run] [--encoding windows-1251|windows-1250|windows-1252] [--locale ka] <file>
  npm run members -- export --network <id> [--format csv|xlsx] [--delimiter ,|;] [--locale ka] [--out <file>]`;

/**
 * Where invitations are mailed: through SES with the stack's settings (SENDER_EMAIL,
 * CONFIGURATION_SET, APP_BASE_URL) when they are set, as they must be against AWS; otherwise, on a
 * table on this machine (`operatorTarget`), through `npm start`'s SES local.
 */
function mailSettings(local: boolean) {
  const { SENDER_EMAIL, CONFIGURATION_SET, APP_BASE_URL } = process.env;
  if (!local || SENDER_EMAIL || CONFIGURATION_SET || APP_BASE_URL) {
    if (!SENDER_EMAIL || !CONFIGURATION_SET || !APP_BASE_URL) throw new Error('set SENDER_EMAIL, CONFIGURATION_SET and APP_BASE_URL (the stack\'s outputs) to mail invitations');
    return { ses: new SESv2Client({ maxAttempts: 3 }), sender: SENDER_EMAIL, configurationSet: CONFIGURATION_SET, appBaseUrl: APP_BASE_URL };
  }
  const started = readLocalEndpoints();
  if (!started) throw new Error(`npm start is not running (no ${LOCAL_ENDPOINTS_FILE}); start it first`);
  return {
    ses: new SESv2Client({ endpoint: started.sesEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    sender: started.senderEmail,
    configurationSet: started.configurationSet,
    appBaseUrl: started.appBaseUrl,
  };
}

async function main(): Promise<number> {
  const { positionals, values } = parseOptions({
    allowPositionals: true,
    options: {
      network: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      encoding: { type: 'string' },
      locale: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      delimiter: { type: 'string', default: ',' },
      out: { type: 'string' },
    },
  }, USAGE);
  const [command, file] = positionals;
  const networkId = values.network;
  if (!networkId || (command === 'import' && !file) || (command !== 'import' && command !== 'export')) {
    console.error(USAGE);
    return 2;
  }
  const { doc, tableName, local } = operatorDocumentClient();
  try {
    if (values.locale !== undefined && !isLocale(values.locale)) {
      console.error(`--locale must be one of ${LOCALES.join(', ')}`);
      return 2;
    }
    // The report's and the export's language: --locale, else the terminal's, else English.
    const locale = values.locale ?? environmentLocale() ?? DEFAULT_LOCALE;
    const t = translator(locale);
    if (!(await new NetworkStore(doc, tableName).get(networkId))) {
      console.error(t('memberReport.noNetwork', { network: networkId }));
      return 1;
    }
    const matches = new MatchStore(doc, tableName);
    if (command === 'export') {
      if ((values.format !== 'csv' && values.format !== 'xlsx') || (values.delimiter !== ',' && values.delimiter !== ';')) {
        console.error('--format must be csv or xlsx, --delimiter , or ;');
        return 2;
      }
      const exported = await memberExportFile(await networkMemberRows(matches, networkId), values.format, values.delimiter, locale);
      const out = resolve(values.out ?? `${networkId}-members.${exported.extension}`);
      writeFileSync(out, exported.body);
      console.log(t('memberExport.written', { path: out }));
      return 0;
    }

    let plan;
    try {
      plan = planImport(await parseMemberFile(readFileSync(file as string), values.encoding), networkId, values.locale);
    } catch (error) {
      // Worded from its code as the import page words it.
      if (error instanceof UnreadableFile) {
        console.error(problemText(error, locale));
        return 1;
      }
      if (error instanceof RangeError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    const profiles = new ProfileStore(doc, tableName);
    const importDeps = {
      profiles,
      addresses: new AddressBook(doc, tableName),
      matches,
      newId: randomUUID,
      now: () => new Date().toISOString(),
    };
    // The preview, as the import page shows it before importing: what each row would do.
    const preview = await importMembers({ ...importDeps, invite: async () => undefined }, networkId, plan, { dryRun: true });
    console.log(importPreviewLine(plan, preview.summary, t));
    if (plan.unknownColumns.length) console.log(t('memberReport.ignored', { columns: plan.unknownColumns.join(', ') }));
    if (plan.missingColumns.length) {
      console.error(t('memberReport.missing', { columns: plan.missingColumns.join(', ') }));
      return 1;
    }
    if (plan.duplicateColumns.length) {
      for (const d of plan.duplicateColumns) console.error(t('memberReport.duplicate', { ...d }));
      return 1;
    }
    for (const p of plan.problems) console.log(`${t('memberReport.row')} ${p.rowNumber}, ${problemColumnText(p.column, t)} ${JSON.stringify(p.value)}: ${problemText(p, locale)}`);
    if (plan.needsEncodingConfirmation) {
      console.log(t('memberReport.firstRows'));
      for (const row of plan.valid.slice(0, 5)) console.log(`  ${t('memberReport.row')} ${row.rowNumber}: ${row.profile.name}, ${row.profile.region ?? ''}`);
      if (!values['dry-run']) {
        console.error(t('memberReport.confirmEncoding', { encoding: plan.encoding }));
        return 1;
      }
    }
    if (plan.problems.length > 0) {
      // Beside the list it reports on, so the coordinator finds it where the list is.
      const report = resolve(`${(file as string).replace(/\.[^./]+$/, '')}-errors.csv`);
      writeFileSync(report, errorReportCsv(plan.problems, locale, plan.delimiter));
      console.log(t('memberReport.errorReportFile', { path: report }));
    }
    if (preview.summary.kept > 0) console.log(t('memberReport.keptNote'));
    if (values['dry-run']) {
      console.log(t('memberReport.dryRun'));
      return 0;
    }
    const mail = mailSettings(local);
    const mailer = sesMailer(mail.ses, { sender: mail.sender, configurationSet: mail.configurationSet });
    const linkDeps = {
      logger: console,
      signIns: new SignInStore(doc, tableName),
      suppressions: new SuppressionStore(doc, tableName),
      // The invitation names the member's profile and the network's display name.
      profiles,
      invitationNetworks: invitationNetworks(new NetworkSettingsStore(doc, tableName)),
      mailer,
      appBaseUrl: mail.appBaseUrl,
    };
    // Drawn in place on a terminal; a redirected stderr (CI logs) gets a line every second instead.
    const bar = new SingleBar({ format: `{bar} ${t('memberReport.progress', { done: '{value}', total: '{total}' })}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
    bar.start(plan.valid.length, 0);
    const result = await importMembers(
      { ...importDeps, invite: (email, profile, at, inviteLocale) => sendMagicLink(linkDeps, email, 'invite-member', at, profile, inviteLocale) },
      networkId,
      plan,
      { dryRun: false, onRow: (done) => bar.update(done) },
    );
    bar.stop();
    mail.ses.destroy();
    console.log(importResultLine(result.summary, t));
    return 0;
  } catch (error) {
    console.error(`the member list could not be processed: ${(error as Error).message}`);
    return 1;
  } finally {
    doc.destroy();
  }
}

main().then((code) => process.exit(code));
