import { useState } from 'react';
import { ApiProblem, asProblem, SessionLost } from '../api/client';
import { BusyButton } from '../components/BusyButton';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLocale } from '../i18n/use-locale';
import { downloadFromApi } from '../lib/download';
import { href } from '../router';

const segment = encodeURIComponent;

/** Import a member list, or export the members as CSV (`,` or `;` for Excel in `;`-list locales) or XLSX. */
export function MemberListTools({ networkId }: { networkId: string }) {
  const { t, locale } = useLocale();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  // A large network's export takes seconds: the page says it is coming, and one runs at a time.
  const [preparing, setPreparing] = useState(false);
  const download = (query: string, name: string) => async () => {
    setProblem(undefined);
    setPreparing(true);
    try {
      // In the page's language: headers, kinds, countries and statuses in words.
      await downloadFromApi(`/networks/${segment(networkId)}/export?${query}&locale=${segment(locale)}`, name);
    } catch (error) {
      if (error instanceof SessionLost) return;
      setProblem(asProblem(error, t('problem.generic')));
    } finally {
      setPreparing(false);
    }
  };
  return (
    <div className="toolbar">
      <a className="button" href={href(`/dashboard/${segment(networkId)}/import`)}>
        {t('memberTools.import')}
      </a>
      <BusyButton type="button" className="button button--secondary" busy={preparing} onClick={download('format=csv&delimiter=%2C', `${networkId}-members.csv`)}>
        {t('memberTools.exportCsv')}
      </BusyButton>
      <BusyButton type="button" className="button button--secondary" busy={preparing} onClick={download('format=csv&delimiter=%3B', `${networkId}-members.csv`)} title={t('memberTools.exportSemicolonTitle')}>
        {t('memberTools.exportSemicolon')}
      </BusyButton>
      <BusyButton type="button" className="button button--secondary" busy={preparing} onClick={download('format=xlsx', `${networkId}-members.xlsx`)}>
        {t('memberTools.exportXlsx')}
      </BusyButton>
      {preparing ? (
        <p className="muted" role="status">
          {t('common.preparingFile')}
        </p>
      ) : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
    </div>
  );
}
