import { useState, type FormEvent } from 'react';
import { ApiProblem, SessionLost } from '../api/client';
import { importMemberList } from '../api/endpoints';
import type { MemberImport } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { ScrollArea } from '../components/ScrollArea';
import { downloadFromApi, downloadText } from '../lib/download';
import { networkLabel } from '../lib/networks';
import { href } from '../router';

const LEGACY_ENCODINGS = [
  { id: 'windows-1251', label: 'Windows-1251 (Cyrillic)' },
  { id: 'windows-1250', label: 'Windows-1250 (Central European)' },
  { id: 'windows-1252', label: 'Windows-1252 (Western European)' },
];

/** The file's bytes as base64, for the JSON body (XLSX is binary). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: spreading a 4 MB array into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function MemberImportPage({ networkId }: { networkId: string }) {
  return (
    <RequireSession purpose="Sign in as a network coordinator to import a member list.">
      <MemberImport networkId={networkId} />
    </RequireSession>
  );
}

/**
 * Choose a file, see what it holds (preview: nothing is written), confirm a legacy encoding if the
 * file is not UTF-8, then import. Imported members are mailed an invitation and are matched only
 * once they confirm.
 */
function MemberImport({ networkId }: { networkId: string }) {
  const [file, setFile] = useState<File | undefined>();
  const [encoding, setEncoding] = useState<string | undefined>();
  const [preview, setPreview] = useState<MemberImport | undefined>();
  const [result, setResult] = useState<MemberImport | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean, chosenEncoding = encoding) => {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await importMemberList(networkId, { file: await base64Of(file), fileName: file.name, dryRun, ...(chosenEncoding ? { encoding: chosenEncoding } : {}) });
      if (dryRun) {
        setPreview(answer);
        setResult(undefined);
      } else setResult(answer);
    } catch (error) {
      if (error instanceof SessionLost) return;
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'about:blank', 'Something went wrong', String(error), []));
    } finally {
      setBusy(false);
    }
  };

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const legacy = preview?.needsEncodingConfirmation === true;
  const canImport = preview !== undefined && preview.missingColumns.length === 0 && (!legacy || encoding !== undefined) && !result;

  return (
    <div className="page">
      <PageHeading title={`Import members: ${networkLabel(networkId)}`} />
      <p className="lead">
        A CSV (comma, semicolon or tab) or XLSX file with one member per row, at most 5 000. Nothing is written until you import; importing the same list again changes nothing. Each new member gets an e-mail to review and confirm
        their profile, and is matched only once they confirm.
      </p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void downloadFromApi(`/networks/${encodeURIComponent(networkId)}/imports/template`, `${networkId}-members-template.csv`)}>
          Download the template
        </button>{' '}
        <a href={href(`/dashboard/${encodeURIComponent(networkId)}`)}>Back to the dashboard</a>
      </p>

      <form className="import-file" onSubmit={onPreview}>
        <label htmlFor="member-file">Member list (CSV or XLSX)</label>
        <input
          id="member-file"
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setPreview(undefined);
            setResult(undefined);
            setEncoding(undefined);
          }}
        />
        <div>
          <button type="submit" className="button" disabled={!file || busy}>
            Preview
          </button>
        </div>
      </form>

      {problem ? <ProblemMessage problem={problem} /> : null}

      {preview ? (
        <section className="section" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <p role="status">
            {preview.format.toUpperCase()}
            {preview.encoding ? `, ${preview.encoding}` : ''}
            {preview.delimiter ? `, separated by ${preview.delimiter === '\t' ? 'tabs' : `"${preview.delimiter}"`}` : ''}: {preview.rows} rows. Would create {preview.summary.created}, update {preview.summary.updated}, leave{' '}
            {preview.summary.unchanged} unchanged; {preview.summary.invalid} invalid.
          </p>
          {preview.missingColumns.length ? <p className="notice notice--error">The header lacks these columns: {preview.missingColumns.join(', ')}. Download the template to see them all.</p> : null}
          {preview.unknownColumns.length ? <p className="muted">Ignored columns: {preview.unknownColumns.join(', ')}</p> : null}
          {legacy ? (
            <div className="notice">
              <p className="notice__title">This file is not UTF-8</p>
              <p>It looks like {preview.encoding}. Check that the names below read correctly; if not, choose another encoding and preview again. Nothing is imported until you confirm.</p>
              <label htmlFor="encoding">Encoding of the file</label>{' '}
              <select
                id="encoding"
                value={encoding ?? ''}
                onChange={(e) => {
                  const chosen = e.target.value || undefined;
                  setEncoding(chosen);
                  if (chosen && chosen !== preview.encoding) void send(true, chosen);
                }}
              >
                <option value="">Choose to confirm</option>
                {LEGACY_ENCODINGS.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {preview.preview.length ? (
            <ScrollArea label="Rows to import">
              <table className="data-table">
                <caption>Valid rows{preview.preview.length < preview.summary.created + preview.summary.updated + preview.summary.unchanged ? ' (the first 50)' : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Member</th>
                    <th scope="col">Will be</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.map((r) => (
                    <tr key={r.rowNumber} data-row={r.rowNumber}>
                      <td>{r.rowNumber}</td>
                      <th scope="row">{r.name}</th>
                      <td>{r.outcome}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          ) : null}
          {preview.problems.length ? (
            <>
              <ScrollArea label="Problems">
                <table className="data-table">
                  <caption>Rows that will not be imported: {preview.problemCount} problems</caption>
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Column</th>
                      <th scope="col">Value</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p, i) => (
                      <tr key={i} data-problem-row={p.rowNumber}>
                        <td>{p.rowNumber}</td>
                        <td>{p.column}</td>
                        <td>{p.value}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
              <p>
                <button type="button" className="button button--secondary" onClick={() => downloadText(`${networkId}-import-errors.csv`, preview.errorReportCsv ?? '', 'text/csv;charset=utf-8')}>
                  Download the error report (CSV)
                </button>
              </p>
            </>
          ) : null}
          <p>
            <button type="button" className="button" disabled={!canImport || busy} onClick={() => void send(false)}>
              Import {preview.summary.created + preview.summary.updated} members
            </button>
          </p>
        </section>
      ) : null}

      {result ? (
        <div className="notice notice--success" role="status">
          <p className="notice__title">Imported</p>
          <p>
            Created {result.summary.created}, updated {result.summary.updated}, unchanged {result.summary.unchanged}, invalid {result.summary.invalid}. New members were sent an invitation to confirm their profile.
          </p>
        </div>
      ) : null}
    </div>
  );
}
