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

/**
 * Functions run on a schedule, declared once: the CDK stack creates an EventBridge Scheduler
 * schedule for each (its input carries the scheduled time), and `npm start` runs the same handler on
 * a timer at the same rate.
 */
export const SCHEDULES = [
  { function: 'send-digests', rateMinutes: 60, description: 'Hourly: send the digests whose hour has come (coordinators\' local hour; members\' 08:00 in their country\'s zone, weekly on Monday)' },
  { function: 'expire-proposals', rateMinutes: 60, description: 'Hourly: remind members of unanswered proposals and expire the ones past their network\'s limit' },
] as const;
