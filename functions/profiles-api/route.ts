import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Caller } from './access.js';

/** A route's handler: the request, and who sent it (already authenticated by app.ts). */
export type Route = (event: APIGatewayProxyEventV2, caller: Caller) => Promise<APIGatewayProxyStructuredResultV2>;
