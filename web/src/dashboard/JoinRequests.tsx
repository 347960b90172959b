import { useRef, useState } from 'react';
import { answerJoinRequest } from '../api/endpoints';
import type { ApiProblem } from '../api/client';
import type { JoinRequests as JoinRequestList } from '../api/types';
import { ProblemMessage } from '../components/ProblemMessage';
import { ScrollArea } from '../components/ScrollArea';
import { useLocale } from '../i18n/use-locale';
import { BusyButton } from '../components/BusyButton';
import { useFocusNext } from '../lib/use-focus-next';
import { settleApiAction } from '../lib/api-action';

type Decision = 'approve' | 'reject';

/** Members asking to join: the coordinator approves (they are matched from then on) or rejects them. */
export function JoinRequests({ networkId, requests, onAnswered }: { networkId: string; requests: JoinRequestList['requests']; onAnswered: () => void }) {
  const { t, d, country, date } = useLocale();
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [done, setDone] = useState<string | undefined>();
  // The dashboard's reload that takes an answered request away can take seconds on a large
  // network: until then its row shows the answer instead of buttons that would answer again.
  const [answered, setAnswered] = useState<ReadonlyMap<string, Decision>>(new Map());
  // Clicks in the same frame come before React disables the buttons: this refuses the second one.
  const sending = useRef(new Set<string>());
  const status = useRef<HTMLParagraphElement>(null);
  const focusNext = useFocusNext();

  const answer = async (id: string, name: string, decision: Decision) => {
    if (sending.current.has(id)) return;
    sending.current.add(id);
    setBusy(id);
    setProblem(undefined);
    // The row's buttons give way to its answer, and the row leaves at the reload: focus goes to
    // the line that says what was done, not to the start of the page.
    const say = (words: string) => {
      setDone(words);
      focusNext(status);
      onAnswered();
    };
    await settleApiAction(
      async () => {
        await answerJoinRequest(networkId, id, decision);
        setAnswered((before) => new Map(before).set(id, decision));
        say(decision === 'approve' ? t('joinRequests.approved', { name }) : t('joinRequests.rejected', { name }));
      },
      // The member withdrew its profile or its request meanwhile (404): nothing to answer any more.
      { onGone: () => say(t('joinRequests.gone', { name })), showProblem: setProblem, genericTitle: t('problem.generic') },
    );
    sending.current.delete(id);
    setBusy(undefined);
  };

  return (
    <>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p role="status" className="muted" ref={status} tabIndex={-1}>
        {done ?? ''}
      </p>
      {requests.length === 0 ? (
        <p className="muted">{t('joinRequests.none')}</p>
      ) : (
        <ScrollArea label={t('joinRequests.label')}>
          <table className="data-table data-table--cards join-requests">
            <caption className="visually-hidden">{t('joinRequests.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('joinRequests.member')}</th>
                <th scope="col">{t('joinRequests.kind')}</th>
                <th scope="col">{t('joinRequests.country')}</th>
                <th scope="col">{t('joinRequests.asked')}</th>
                <th scope="col">{t('joinRequests.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-request={r.name}>
                  <th scope="row">{r.name}</th>
                  <td data-label={t('joinRequests.kind')}>{d(`kind.${r.kind}`)}</td>
                  <td data-label={t('joinRequests.country')}>{country(r.country)}</td>
                  <td data-label={t('joinRequests.asked')}>
                    <time dateTime={r.requestedAt}>{date(r.requestedAt)}</time>
                  </td>
                  <td data-label={t('joinRequests.decision')}>
                    {answered.has(r.id) ? (
                      <span className="muted">{answered.get(r.id) === 'approve' ? t('joinRequests.wasApproved') : t('joinRequests.wasRejected')}</span>
                    ) : (
                      <div className="actions">
                        <BusyButton type="button" className="button" busy={busy === r.id} onClick={() => void answer(r.id, r.name, 'approve')} aria-label={t('joinRequests.approveName', { name: r.name })}>
                          {t('joinRequests.approve')}
                        </BusyButton>
                        <BusyButton type="button" className="button button--secondary" busy={busy === r.id} onClick={() => void answer(r.id, r.name, 'reject')} aria-label={t('joinRequests.rejectName', { name: r.name })}>
                          {t('joinRequests.reject')}
                        </BusyButton>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </>
  );
}
