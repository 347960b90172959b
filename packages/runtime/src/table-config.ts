import * as z from 'zod';

/**
 * The configuration of a function that needs only the table: its name and, locally, DynamoDB
 * Local's endpoint (absent in Lambda). Read with `loadConfig(functionName, TableConfig)`. A subpath
 * of its own: the index stays free of zod's classic build, which the authorizer does not bundle.
 */
export const TableConfig = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
