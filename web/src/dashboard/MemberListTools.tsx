import { useState } from 'react';
import { downloadFromApi } from '../lib/download';
import { href } from '../router';

const segment = encodeURIComponent;

/** Import a member list, or export the members as CSV (`,` or `;` for Excel in `;`-list locales) or XLSX. */
export function MemberListTools({ networkId }: { networkId: string }) {
  const [problem, setProblem] = useState<string | undefined>();
  const download = (query: string, name: string) => async () => {
    setProblem(undefined);
    try {
      await downloadFromApi(`/networks/${segment(networkId)}/export?${query}`, name);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <div className="toolbar">
      <a className="button" href={href(`/dashboard/${segment(networkId)}/import`)}>
        Import a member list
      </a>
      <button type="button" className="button button--secondary" onClick={download('format=csv&delimiter=%2C', `${networkId}-members.csv`)}>
        Export members (CSV)
      </button>
      <button type="button" className="button button--secondary" onClick={download('format=csv&delimiter=%3B', `${networkId}-members.csv`)} title="For Excel where the list separator is a semicolon">
        Export members (CSV with ;)
      </button>
      <button type="button" className="button button--secondary" onClick={download('format=xlsx', `${networkId}-members.xlsx`)}>
        Export members (XLSX)
      </button>
      {problem ? (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
