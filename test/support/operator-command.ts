import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import type { Platform } from '../../local/platform.js';

const run = promisify(execFile);

/**
 * Runs an operator command (`scripts/<name>.ts`, as `npm run <name> --` does) against the test
 * platform's table; its exit code and output, whether it succeeded or not.
 */
export async function operatorCommand(platform: Pick<Platform, 'tableName' | 'dynamodbEndpoint'>, script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // DynamoDB Local takes any region and key; a test without a platform has none set.
  const env = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...process.env,
    TABLE_NAME: platform.tableName,
    DYNAMODB_ENDPOINT: platform.dynamodbEndpoint,
  };
  try {
    const out = await run('npx', ['tsx', `scripts/${script}.ts`, ...args], { env });
    return { code: 0, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
