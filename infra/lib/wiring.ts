/**
 * How functions are wired to the table's stream, declared once: the CDK stack deploys exactly this
 * and the local runtime polls with exactly this (a parity test compares the synthesized template).
 */
export const STREAM_CONSUMERS = [
  {
    function: 'publish-changes',
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 5,
    maxRecordAgeHours: 24,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    startingPosition: 'TRIM_HORIZON',
  },
] as const;
