import { useState, type FormEvent } from 'react';
import { LOCALES, MEMBER_LIST_LIMITS, importPreviewLine, importResultLine, problemColumnText, translator, type Locale } from '@culturebridge/domain';
import { ApiProblem, SessionLost } from '../api/client';
import { importMemberList } from '../api/endpoints';
import type { ImportSummary, MemberImport } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireCoordinator } from '../components/RequireCoordinator';
import { ScrollArea } from '../components/ScrollArea';
import { readableParams, sentence } from '../form/field-errors';
import { numberFormat, useLocale } from '../i18n/use-locale';
import { downloadFromApi, downloadText } from '../lib/download';
import { useLeaveWarning } from '../lib/use-leave-warning';
import { networkLabel } from '../lib/networks';
import { href } from '../router';
import { useApiAction } from '../lib/use-api-action';
import { BusyButton } from '../components/BusyButton';

/** The legacy code pages offered; their labels are `memberImport.encoding.<id>` in the catalogs. */
const LEGACY_ENCODINGS = ['windows-1251', 'windows-1250', 'windows-1252'] as const;

/** The file's bytes as base64, for the JSON body (XLSX is binary). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: spreading a 4 MB array into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The sum of two calls' row outcomes; `invalid` is the whole file's in each answer, so it is not added. */
function added(a: ImportSummary, b: ImportSummary): ImportSummary {
  return { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, kept: a.kept + b.kept, invalid: b.invalid };
}

/** Bytes as megabytes with at most one decimal, rounded up (a file one byte over 4 MB reads 4.1), in the page's language. */
const megabytes = (bytes: number, locale: Locale) => numberFormat(locale, { maximumFractionDigits: 1, roundingMode: 'ceil' }).format(bytes / (1024 * 1024));

export function MemberImportPage({ networkId }: { networkId: string }) {
  const { t } = useLocale();
  return (
    <RequireCoordinator purpose={t('memberImport.signIn')}>
      <MemberImport networkId={networkId} />
    </RequireCoordinator>
  );
}

/**
 * Choose a file, see what it holds (preview: nothing is written), confirm a legacy encoding if the
 * file is not UTF-8, then import. Imported members are mailed an invitation and are matched only
 * once they confirm.
 */
function MemberImport({ networkId }: { networkId: string }) {
  const { t, locale, language } = useLocale();
  // The report's sentences are the domain's, shared with `npm run members -- import`.
  const report = translator(locale);
  const [file, setFile] = useState<File | undefined>();
  const [encoding, setEncoding] = useState<string | undefined>();
  const [preview, setPreview] = useState<MemberImport | undefined>();
  // The language the preview's error report was written in (the page's when it was asked for).
  const [previewLocale, setPreviewLocale] = useState<string | undefined>();
  const [result, setResult] = useState<MemberImport | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);
  // While importing: valid rows done of all; kept after a failure, to say how far it got.
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  // The template's download: a failure is shown, not left in the console.
  const template = useApiAction();
  const tooLarge = file !== undefined && file.size > MEMBER_LIST_LIMITS.fileBytes;
  // Leaving while a list is being imported stops it after the call under way: the browser asks first.
  const importing = busy && progress !== undefined;
  useLeaveWarning(importing);

  const send = async (dryRun: boolean, chosenEncoding = encoding): Promise<MemberImport | undefined> => {
    if (!file || tooLarge) return undefined;
    setBusy(true);
    setProblem(undefined);
    setProgress(undefined);
    try {
      // New members whose row names no language are invited in the coordinator's, this page's.
      const request = { file: await base64Of(file), fileName: file.name, dryRun, locale, ...(chosenEncoding ? { encoding: chosenEncoding } : {}) };
      if (dryRun) {
        const answer = await importMemberList(networkId, request);
        setPreview(answer);
        setPreviewLocale(locale);
        setResult(undefined);
        return answer;
      }
      // A large list takes several calls, each as long as the API allows: each answer says where
      // to continue, and the summary adds up what each call did.
      if (preview) setProgress({ done: 0, total: preview.summary.created + preview.summary.updated + preview.summary.unchanged + preview.summary.kept });
      let answer = await importMemberList(networkId, request);
      let summary: ImportSummary = answer.summary;
      setProgress(answer.progress);
      while (answer.continueFromRow !== undefined) {
        answer = await importMemberList(networkId, { ...request, fromRow: answer.continueFromRow });
        summary = added(summary, answer.summary);
        setProgress(answer.progress);
      }
      const whole = { ...answer, summary };
      setResult(whole);
      setProgress(undefined);
      return whole;
    } catch (error) {
      if (error instanceof SessionLost) return;
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', t('memberImport.wentWrong'), String(error), []));
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  /** The error report in the page's language: previewed again first if the language changed since. */
  const downloadReport = async () => {
    const report = previewLocale === locale ? preview : await send(true);
    if (report?.errorReportCsv !== undefined) downloadText(`${networkId}-import-errors.csv`, report.errorReportCsv, 'text/csv;charset=utf-8');
  };

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const legacy = preview?.needsEncodingConfirmation === true;
  // A list with nothing to create, update or approve imports nothing: the button says so by staying off.
  const writes = preview === undefined ? 0 : preview.summary.created + preview.summary.updated + preview.summary.kept;
  const canImport = preview !== undefined && writes > 0 && preview.missingColumns.length === 0 && preview.duplicateColumns.length === 0 && (!legacy || encoding !== undefined) && !result;

  return (
    <div className="page">
      <PageHeading title={t('memberImport.title', { network: networkLabel(networkId) })} />
      <p className="lead">{t('memberImport.lead')}</p>
      <p>{t('memberImport.inviteLanguage', { codes: LOCALES.join(', '), language: language(locale) })}</p>
      <p>
        <BusyButton type="button" className="button button--secondary" busy={template.busy} onClick={() => void template.run(() => downloadFromApi(`/networks/${encodeURIComponent(networkId)}/imports/template`, `${networkId}-members-template.csv`))}>
          {t('memberImport.template')}
        </BusyButton>{' '}
        <a href={href(`/dashboard/${encodeURIComponent(networkId)}`)}>{t('memberImport.back')}</a>
      </p>
      {template.problem ? <ProblemMessage problem={template.problem} /> : null}

      <form className="import-file" onSubmit={onPreview}>
        <label htmlFor="member-file">{t('memberImport.file')}</label>
        <input
          id="member-file"
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={tooLarge ? 'member-file-size' : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setPreview(undefined);
            setResult(undefined);
            setEncoding(undefined);
            setProblem(undefined);
            setProgress(undefined);
          }}
        />
        {tooLarge ? (
          <p id="member-file-size" className="field-error" role="alert">
            {t('memberImport.fileTooLarge', { size: megabytes(file.size, locale), max: megabytes(MEMBER_LIST_LIMITS.fileBytes, locale) })}
          </p>
        ) : null}
        <div>
          <BusyButton type="submit" className="button" disabled={!file || tooLarge} busy={busy}>
            {t('memberImport.preview')}
          </BusyButton>
        </div>
      </form>
      {busy && !progress ? (
        <p className="muted" role="status">
          {t('memberImport.reading')}
        </p>
      ) : null}

      {problem ? (
        <ProblemMessage problem={problem} fieldLabel={(field) => (field === 'file' ? t('memberImport.file') : field === 'encoding' ? t('memberImport.encodingLabel') : undefined)}>
          {progress && progress.done > 0 ? <p>{t('memberImport.stoppedAt', { ...progress, count: progress.total })}</p> : null}
        </ProblemMessage>
      ) : null}

      {preview ? (
        <section className="section" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('memberImport.previewTitle')}</h2>
          <p role="status">{importPreviewLine(preview, preview.summary, report)}</p>
          {preview.missingColumns.length ? <p className="notice notice--error">{t('domain:memberReport.missing', { columns: preview.missingColumns.join(', ') })}</p> : null}
          {preview.duplicateColumns.map((d) => (
            <p key={d.header} className="notice notice--error">
              {t('domain:memberReport.duplicate', d)}
            </p>
          ))}
          {preview.unknownColumns.length ? <p className="muted">{t('domain:memberReport.ignored', { columns: preview.unknownColumns.join(', ') })}</p> : null}
          {legacy ? (
            <div className="notice">
              <p className="notice__title">{t('memberImport.notUtf8Title')}</p>
              <p>{t('memberImport.notUtf8', { encoding: preview.encoding })}</p>
              <label htmlFor="encoding">{t('memberImport.encodingLabel')}</label>{' '}
              <select
                id="encoding"
                value={encoding ?? ''}
                onChange={(e) => {
                  const chosen = e.target.value || undefined;
                  setEncoding(chosen);
                  if (chosen && chosen !== preview.encoding) void send(true, chosen);
                }}
              >
                <option value="">{t('memberImport.chooseToConfirm')}</option>
                {LEGACY_ENCODINGS.map((id) => (
                  <option key={id} value={id}>
                    {t(`memberImport.encoding.${id}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {preview.preview.length ? (
            <ScrollArea label={t('memberImport.rowsLabel')}>
              <table className="data-table">
                <caption>{preview.preview.length < preview.summary.created + preview.summary.updated + preview.summary.unchanged + preview.summary.kept ? t('memberImport.validRowsFirst') : t('memberImport.validRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('domain:memberReport.row')}</th>
                    <th scope="col">{t('memberImport.member')}</th>
                    <th scope="col">{t('memberImport.willBe')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.map((r) => (
                    <tr key={r.rowNumber} data-row={r.rowNumber}>
                      <td>{r.rowNumber}</td>
                      <th scope="row">{r.name}</th>
                      <td>{t(`memberImport.outcome.${r.outcome}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          ) : null}
          {preview.summary.kept > 0 ? <p className="muted">{t('domain:memberReport.keptNote')}</p> : null}
          {preview.problems.length ? (
            <>
              <ScrollArea label={t('memberImport.problems')}>
                <table className="data-table">
                  <caption>{t('memberImport.problemsCaption', { count: preview.problemCount })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('domain:memberReport.row')}</th>
                      <th scope="col">{t('domain:memberReport.column')}</th>
                      <th scope="col">{t('domain:memberReport.value')}</th>
                      <th scope="col">{t('domain:memberReport.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p, i) => (
                      <tr key={i} data-problem-row={p.rowNumber}>
                        <td>{p.rowNumber}</td>
                        <td>{problemColumnText(p.column, report)}</td>
                        <td className="breakable">{p.value}</td>
                        <td>{sentence(t(`domain:fieldError.${p.code}`, { ...readableParams(p.params, locale, p.code), defaultValue: p.message }))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
              <p>
                <BusyButton type="button" className="button button--secondary" onClick={() => void downloadReport()} busy={busy}>
                  {t('memberImport.errorReport')}
                </BusyButton>
              </p>
            </>
          ) : null}
          <p>
            <BusyButton type="button" className="button" disabled={!canImport} busy={busy} onClick={() => void send(false)}>
              {t('memberImport.import', { count: preview.summary.created + preview.summary.updated })}
            </BusyButton>
          </p>
          {importing ? (
            <div className="import-progress" role="status">
              <progress max={progress.total} value={progress.done} aria-label={t('memberImport.progressLabel')} />
              <p>{t('memberImport.importing', { ...progress, count: progress.total })}</p>
            </div>
          ) : null}
        </section>
      ) : null}

      {result ? (
        <div className="notice notice--success" role="status">
          <p className="notice__title">{t('memberImport.imported')}</p>
          <p>{importResultLine(result.summary, report)}</p>
          {result.summary.kept > 0 ? <p>{t('domain:memberReport.keptNote')}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
