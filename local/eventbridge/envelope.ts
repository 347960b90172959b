// The event as EventBridge hands it to targets: the PutEvents entry wrapped in the standard
// envelope, with the detail parsed. Account and region are fixed placeholders locally.

import { randomUUID } from 'node:crypto';

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

export interface EventEnvelope<Detail = Record<string, unknown>> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Detail;
}

export function buildEnvelope(fields: {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  time: string;
}): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': fields.detailType,
    source: fields.source,
    account: LOCAL_ACCOUNT,
    time: fields.time,
    region: LOCAL_REGION,
    resources: [...fields.resources],
    detail: fields.detail,
  };
}
