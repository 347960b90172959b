import { useState } from 'react';
import { answerJoinRequest } from '../api/endpoints';
import { ApiProblem } from '../api/client';
import type { JoinRequests as JoinRequestList } from '../api/types';
import { ProblemMessage } from '../components/ProblemMessage';
import { ScrollArea } from '../components/ScrollArea';
import { countryName, KIND_LABELS } from '../lib/labels';

/** Members asking to join: the coordinator approves (they are matched from then on) or rejects them. */
export function JoinRequests({ networkId, requests, onAnswered }: { networkId: string; requests: JoinRequestList['requests']; onAnswered: () => void }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const answer = async (id: string, name: string, decision: 'approve' | 'reject') => {
    setBusy(id);
    setProblem(undefined);
    try {
      await answerJoinRequest(networkId, id, decision);
      setDone(`${name} ${decision === 'approve' ? 'approved: matching starts now' : 'rejected'}.`);
      onAnswered();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p role="status" className="muted">
        {done ?? ''}
      </p>
      {requests.length === 0 ? (
        <p className="muted">Nobody is waiting to join.</p>
      ) : (
        <ScrollArea label="Join requests">
          <table className="data-table">
            <caption className="visually-hidden">Members asking to join the network</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col">Asked</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-request={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{countryName(r.country)}</td>
                  <td>{r.requestedAt.slice(0, 10)}</td>
                  <td>
                    <div className="actions">
                      <button type="button" className="button" disabled={busy === r.id} onClick={() => void answer(r.id, r.name, 'approve')} aria-label={`Approve ${r.name}`}>
                        Approve
                      </button>
                      <button type="button" className="button button--secondary" disabled={busy === r.id} onClick={() => void answer(r.id, r.name, 'reject')} aria-label={`Reject ${r.name}`}>
                        Reject
                      </button>
                    </div>
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
