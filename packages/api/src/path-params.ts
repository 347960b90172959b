import { NetworkId } from '@culturebridge/domain';
import { notFound } from '@culturebridge/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { coordinates, type Caller } from './access.js';

/*
 * What a route takes from its path before it reads anything: an id that cannot exist, or a network
 * the caller does not coordinate, is answered 404 like one that does not exist, so a foreign id
 * reveals nothing.
 */

// Ids are UUIDs; anything else cannot exist, so it is answered like an unknown id.
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The network of the path, if the caller coordinates it; otherwise 404, as for a network that does not exist. */
export function networkOf(event: APIGatewayProxyEventV2, caller: Caller): string {
  const id = event.pathParameters?.networkId ?? '';
  if (!NetworkId.safeParse(id).success || !coordinates(caller, id)) throw notFound('network');
  return id;
}
