import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where `npm start` notes what the operator's commands need to reach it (SES local's port is chosen
 * at start): `npm run members` mails its invitations through the same SES local.
 */
export const LOCAL_ENDPOINTS_FILE = resolve(process.env.CULTUREBRIDGE_DATA_DIR ?? '.data/dynamodb', 'endpoints.json');

export interface LocalEndpoints {
  sesEndpoint: string;
  senderEmail: string;
  configurationSet: string;
  appBaseUrl: string;
}

export function writeLocalEndpoints(endpoints: LocalEndpoints, file = LOCAL_ENDPOINTS_FILE): void {
  writeFileSync(file, JSON.stringify(endpoints, null, 2));
}

export function readLocalEndpoints(file = LOCAL_ENDPOINTS_FILE): LocalEndpoints | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalEndpoints) : undefined;
}
