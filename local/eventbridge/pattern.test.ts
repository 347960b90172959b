// Examples come from the Amazon EventBridge User Guide unless marked otherwise:
//   [EP]   "Creating Amazon EventBridge event patterns"              (eb-event-patterns)
//   [CF]   "Content filtering in Amazon EventBridge event patterns"   (eb-event-patterns-content-based-filtering)
//   [OPS]  "Comparison operators for use in event patterns"           (eb-create-pattern-operators)
//   [ARR]  "Arrays in Amazon EventBridge event patterns"              (eb-event-patterns-arrays)
//   [NULL] "Matching null values and empty strings"                   (eb-event-patterns-null-values)
//   [RULER] README of aws/event-ruler, the engine behind EventBridge patterns (for $or and arrays of objects)
// Non-matching cases are our own variations of the same examples.

import { describe, expect, it } from 'vitest';

import { compilePattern, EventPatternError, matchesPattern, validatePattern } from './pattern.js';

// [EP] the EC2 instance state-change event used throughout the guide.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const withDetail = (detail: Record<string, unknown>) => ({ ...ec2Event, detail });

describe('exact values, AND across fields, OR within arrays', () => {
  // [EP] "selects all Amazon EC2 instance-termination events"
  const pattern = {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['terminated'] },
  };

  it('matches when every field matches', () => {
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
  });

  it('does not match when one field differs', () => {
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(false);
    expect(matchesPattern(pattern, { ...ec2Event, source: 'aws.s3' })).toBe(false);
  });

  it('does not match when a field named in the pattern is missing from the event', () => {
    expect(matchesPattern(pattern, withDetail({ 'instance-id': 'i-1' }))).toBe(false);
    const { detail: _detail, ...withoutDetail } = ec2Event;
    expect(matchesPattern(pattern, withoutDetail)).toBe(false);
  });

  it('treats the values of a pattern array as alternatives', () => {
    // [RULER] "detail": { "state": [ "initializing", "running" ] }
    const alternatives = { detail: { state: ['initializing', 'running'] } };
    expect(matchesPattern(alternatives, withDetail({ state: 'running' }))).toBe(true);
    expect(matchesPattern(alternatives, withDetail({ state: 'initializing' }))).toBe(true);
    expect(matchesPattern(alternatives, withDetail({ state: 'stopped' }))).toBe(false);
  });

  it('compares numbers, booleans and strings by type', () => {
    // our own, after [OPS] "Price is 100" (which uses numeric "="): exact numbers match numerically
    expect(matchesPattern({ Price: [100] }, { Price: 100 })).toBe(true);
    expect(matchesPattern({ Price: [100] }, { Price: 100.0 })).toBe(true);
    expect(matchesPattern({ Price: [100] }, { Price: '100' })).toBe(false);
    expect(matchesPattern({ Price: [100] }, { Price: 101 })).toBe(false);
    // our own: booleans
    expect(matchesPattern({ detail: { active: [true] } }, { detail: { active: true } })).toBe(true);
    expect(matchesPattern({ detail: { active: [true] } }, { detail: { active: 'true' } })).toBe(false);
  });

  it('matches nested objects at any depth', () => {
    // our own: nesting beyond detail
    const nested = { detail: { requestParameters: { bucketName: ['my-bucket'] } } };
    expect(matchesPattern(nested, withDetail({ requestParameters: { bucketName: 'my-bucket' } }))).toBe(true);
    expect(matchesPattern(nested, withDetail({ requestParameters: { bucketName: 'other' } }))).toBe(false);
    expect(matchesPattern(nested, withDetail({ requestParameters: 'my-bucket' }))).toBe(false);
  });
});

describe('null values and empty strings', () => {
  // [NULL]
  const event = {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'EC2 Instance Launch Successful',
    source: 'aws.autoscaling',
    account: '123456789012',
    time: '2015-11-11T21:31:47Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '', responseElements: null },
  };

  it('matches an empty string with [""] and null with [null]', () => {
    expect(matchesPattern({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { responseElements: [null] } }, event)).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    expect(matchesPattern({ detail: { eventVersion: [null] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { responseElements: [''] } }, event)).toBe(false);
  });
});

describe('arrays in the event', () => {
  // [ARR]
  const pattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the pattern array and the event array intersect', () => {
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matchesPattern(pattern, event)).toBe(true);
  });

  it('does not match when they do not intersect, or the event array is empty', () => {
    expect(matchesPattern(pattern, { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] })).toBe(false);
    expect(matchesPattern(pattern, { resources: [] })).toBe(false);
  });

  it('matches fields of objects inside arrays, keeping fields of one element together', () => {
    // [RULER] "JSON Array Matching"
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };
    expect(matchesPattern({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event)).toBe(true);
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event)).toBe(false);
  });
});

describe('prefix', () => {
  // [CF] "time": [ { "prefix": "2017-10-02" } ]
  const pattern = { time: [{ prefix: '2017-10-02' }] };

  it('matches strings that start with the prefix', () => {
    expect(matchesPattern(pattern, { ...ec2Event, time: '2017-10-02T18:43:48Z' })).toBe(true);
  });

  it('does not match other strings or non-string values', () => {
    expect(matchesPattern(pattern, { ...ec2Event, time: '2017-10-03T18:43:48Z' })).toBe(false);
    expect(matchesPattern({ detail: { n: [{ prefix: '12' }] } }, withDetail({ n: 123 }))).toBe(false);
  });

  it('ignores case with { "prefix": { "equals-ignore-case": ... } }', () => {
    // [CF] "detail": {"service" : [{ "prefix": { "equals-ignore-case": "EventB" }}]}
    const ignoreCase = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(matchesPattern(ignoreCase, withDetail({ service: 'EventBridge' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ service: 'EVENTBRIDGE' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ service: 'eventbridge' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ service: 'Lambda' }))).toBe(false);
  });
});

describe('suffix', () => {
  // [CF] "FileName": [ { "suffix": ".png" } ]
  const pattern = { FileName: [{ suffix: '.png' }] };

  it('matches strings that end with the suffix', () => {
    expect(matchesPattern(pattern, { FileName: 'image.png' })).toBe(true);
  });

  it('does not match other strings (case sensitive) or missing fields', () => {
    expect(matchesPattern(pattern, { FileName: 'image.jpg' })).toBe(false);
    expect(matchesPattern(pattern, { FileName: 'image.PNG' })).toBe(false);
    expect(matchesPattern(pattern, {})).toBe(false);
  });

  it('ignores case with { "suffix": { "equals-ignore-case": ... } }', () => {
    // [CF] "detail": {"FileName" : [{ "suffix": { "equals-ignore-case": ".png" }}]}
    const ignoreCase = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matchesPattern(ignoreCase, withDetail({ FileName: 'image.PNG' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ FileName: 'image.png' }))).toBe(true);
    expect(matchesPattern(ignoreCase, withDetail({ FileName: 'image.gif' }))).toBe(false);
  });
});

describe('anything-but', () => {
  it('excludes a single string', () => {
    // [CF] "state": [ { "anything-but": "initializing" } ]
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('excludes a single number', () => {
    // [CF] "x-limit": [ { "anything-but": 123 } ]
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 456 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 123 }))).toBe(false);
  });

  it('excludes a list of strings', () => {
    // [CF] "state": [ { "anything-but": [ "stopped", "overloaded" ] } ]
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'stopped' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
  });

  it('excludes a list of numbers', () => {
    // [CF] "x-limit": [ { "anything-but": [ 100, 200, 300 ] } ]
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 150 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 200 }))).toBe(false);
  });

  it('excludes a prefix', () => {
    // [CF] "state": [ { "anything-but": { "prefix": "init" } } ]
    const pattern = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('excludes a suffix', () => {
    // [OPS] "FileName": [ { "anything-but": { "suffix": ".png" } } ]
    const pattern = { FileName: [{ 'anything-but': { suffix: '.png' } }] };
    expect(matchesPattern(pattern, { FileName: 'notes.txt' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'image.png' })).toBe(false);
  });

  it('excludes values ignoring case', () => {
    // [OPS] "state": [{ "anything-but": { "equals-ignore-case": "initializing" }}]
    const pattern = { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] };
    expect(matchesPattern(pattern, { state: 'running' })).toBe(true);
    expect(matchesPattern(pattern, { state: 'INITIALIZING' })).toBe(false);
    expect(matchesPattern(pattern, { state: 'initializing' })).toBe(false);
    // [CF] the list form: "state": [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] }}]
    const list = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } };
    expect(matchesPattern(list, withDetail({ state: 'running' }))).toBe(true);
    expect(matchesPattern(list, withDetail({ state: 'STOPPED' }))).toBe(false);
    expect(matchesPattern(list, withDetail({ state: 'overloaded' }))).toBe(false);
  });

  it('excludes wildcard matches', () => {
    // [OPS] "FilePath" : [{ "anything-but": { "wildcard": "*/lib/*" }}]
    const pattern = { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] };
    expect(matchesPattern(pattern, { FilePath: 'dir/bin/tool' })).toBe(true);
    expect(matchesPattern(pattern, { FilePath: 'dir/lib/module.js' })).toBe(false);
    // [CF] the list form: [{ "anything-but": { "wildcard": ["*/lib/*", "*/bin/*"] }}]
    const list = { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] };
    expect(matchesPattern(list, { FilePath: 'dir/src/index.ts' })).toBe(true);
    expect(matchesPattern(list, { FilePath: 'dir/bin/tool' })).toBe(false);
  });

  it('does not match a missing field but does match null', () => {
    // Not in the guide; EventBridge requires the field to be present (LocalStack verified this
    // against AWS), and null is simply a value other than the excluded one.
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesPattern(pattern, withDetail({}))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: null }))).toBe(true);
  });

  it('matches an event array when any element is not excluded', () => {
    // our own: "arrays in the event = match if any element matches"
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesPattern(pattern, withDetail({ state: ['initializing', 'running'] }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: ['initializing'] }))).toBe(false);
  });
});

describe('numeric', () => {
  // [CF] ("this pattern will only match evaluations that are true for all the fields")
  const pattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };
  // [RULER] sample event values
  const detail = { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 };

  it('matches when every range holds', () => {
    expect(matchesPattern(pattern, withDetail(detail))).toBe(true);
  });

  it('does not match outside a range, at an open bound, or for non-number values', () => {
    expect(matchesPattern(pattern, withDetail({ ...detail, 'c-count': 6 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ ...detail, 'c-count': 0 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ ...detail, 'd-count': 10 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ ...detail, 'x-limit': 301.9 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ ...detail, 'c-count': '5' }))).toBe(false);
  });

  it('supports >= and <= bounds', () => {
    // [OPS] "Price is more than 10, and less than or equal to 20": [ { "numeric": [ ">", 10, "<=", 20 ] } ]
    const price = { Price: [{ numeric: ['>', 10, '<=', 20] }] };
    expect(matchesPattern(price, { Price: 20 })).toBe(true);
    expect(matchesPattern(price, { Price: 10 })).toBe(false);
    const atLeast = { Price: [{ numeric: ['>=', 10] }] };
    expect(matchesPattern(atLeast, { Price: 10 })).toBe(true);
    expect(matchesPattern(atLeast, { Price: 9.99 })).toBe(false);
  });
});

describe('cidr', () => {
  // [CF] "sourceIPAddress": [ { "cidr": "10.0.0.0/24" } ]
  const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };

  it('matches addresses inside the block', () => {
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.0.0' }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.0.255' }))).toBe(true);
  });

  it('does not match addresses outside the block or non-addresses', () => {
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: '10.0.1.1' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ sourceIPAddress: 'not-an-ip' }))).toBe(false);
  });

  it('works with IPv6', () => {
    // our own ([CF] states IPv6 is supported)
    const v6 = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } };
    expect(matchesPattern(v6, withDetail({ sourceIPAddress: '2001:db8:1::1' }))).toBe(true);
    expect(matchesPattern(v6, withDetail({ sourceIPAddress: '2001:db9::1' }))).toBe(false);
  });
});

describe('exists', () => {
  it('exists: true matches a present leaf and not a missing one', () => {
    // [CF] "detail": { "state": [ { "exists": true } ] } against the pending-instance event
    const pattern = { detail: { state: [{ exists: true }] } };
    const pending = {
      version: '0',
      id: '7bf73129-1428-4cd3-a780-95db273d1602',
      'detail-type': 'EC2 Instance State-change Notification',
      source: 'aws.ec2',
      account: '123456789012',
      time: '2015-11-11T21:29:54Z',
      region: 'us-east-1',
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
      detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
    };
    expect(matchesPattern(pattern, pending)).toBe(true);
    // [CF] "does NOT match the following event because it doesn't have a detail.state field"
    const withoutState = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
      detail: { 'c-count': { c1: 100 } },
    };
    expect(matchesPattern(pattern, withoutState)).toBe(false);
  });

  it('exists: false matches a missing field and a non-leaf, but not a present leaf', () => {
    // [CF]/[RULER] "detail": { "c-count": [ { "exists": false } ] }
    const pattern = { detail: { 'c-count': [{ exists: false }] } };
    const base = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
    };
    expect(matchesPattern(pattern, { ...base, detail: { state: ['initializing', 'running'] } })).toBe(true);
    // "would also match ... because c-count is not a leaf node"
    expect(matchesPattern(pattern, { ...base, detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } })).toBe(true);
    expect(matchesPattern(pattern, { ...base, detail: { 'c-count': 3 } })).toBe(false);
    // our own: a field whose parent is missing is missing too
    expect(matchesPattern(pattern, base)).toBe(true);
  });

  it('exists: true counts null as present', () => {
    // our own: null is a leaf value (see [NULL])
    expect(matchesPattern({ detail: { x: [{ exists: true }] } }, withDetail({ x: null }))).toBe(true);
  });
});

describe('equals-ignore-case', () => {
  // [OPS] "Name is "Alice"": "Name": [ { "equals-ignore-case": "alice" } ]
  const pattern = { Name: [{ 'equals-ignore-case': 'alice' }] };

  it('matches the value in any casing', () => {
    expect(matchesPattern(pattern, { Name: 'Alice' })).toBe(true);
    expect(matchesPattern(pattern, { Name: 'ALICE' })).toBe(true);
  });

  it('does not match other values', () => {
    expect(matchesPattern(pattern, { Name: 'Alicia' })).toBe(false);
    expect(matchesPattern(pattern, { Name: ['Bob'] })).toBe(false);
  });
});

describe('wildcard', () => {
  // [OPS] "Any file with a .png extension, located within the folder "dir"": [ { "wildcard": "dir/*.png" } ]
  const pattern = { FileName: [{ wildcard: 'dir/*.png' }] };

  it('matches any run of characters, including none and slashes', () => {
    expect(matchesPattern(pattern, { FileName: 'dir/image.png' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'dir/.png' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'dir/sub/image.png' })).toBe(true);
  });

  it('does not match outside the pattern', () => {
    expect(matchesPattern(pattern, { FileName: 'other/image.png' })).toBe(false);
    expect(matchesPattern(pattern, { FileName: 'dir/image.png.bak' })).toBe(false);
  });

  it('matches ARNs with several wildcards', () => {
    // [CF] "EventBusArn": [ { "wildcard": "arn:aws:events:us-east-1:*:event-bus/*" } ]
    const arn = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(matchesPattern(arn, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' })).toBe(true);
    expect(matchesPattern(arn, { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' })).toBe(false);
  });

  it('treats \\* as a literal asterisk and \\\\ as a literal backslash', () => {
    // [RULER] "Wildcard matching" escaping rules
    const literal = { note: [{ wildcard: 'a\\*b' }] };
    expect(matchesPattern(literal, { note: 'a*b' })).toBe(true);
    expect(matchesPattern(literal, { note: 'axxb' })).toBe(false);
    const backslash = { path: [{ wildcard: 'C:\\\\*' }] };
    expect(matchesPattern(backslash, { path: 'C:\\Windows' })).toBe(true);
    expect(matchesPattern(backslash, { path: 'C:/Windows' })).toBe(false);
  });
});

describe('$or', () => {
  it('matches when any branch matches, combined with the other fields', () => {
    // [CF]/[RULER] "source" && ("metricName" || "namespace")
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricName: 'DiskQueue', namespace: 'AWS/RDS' })).toBe(false);
    expect(matchesPattern(pattern, { source: 'aws.ec2', metricName: 'ReadLatency' })).toBe(false);
  });

  it('works nested inside detail with numeric branches', () => {
    // [CF] "detail": { "$or": [ c-count range, d-count < 10, x-limit = 3.018e2 ] }
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 301.8 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 9, 'd-count': 20 }))).toBe(false);
  });

  it('supports an AND inside a branch and a nested $or', () => {
    // [RULER] "Nested Or and And"
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    };
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 })).toBe(false);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
  });
});

describe('complex example', () => {
  // [CF] "Complex example with multiple matching" against the [RULER] sample event
  const pattern = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
    },
  };
  const event = {
    ...ec2Event,
    time: '2017-10-02T16:24:49Z',
    detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', state: 'running' },
  };

  it('matches when all conditions hold', () => {
    expect(matchesPattern(pattern, event)).toBe(true);
  });

  it('does not match when one condition fails', () => {
    expect(matchesPattern(pattern, { ...event, detail: { ...event.detail, 'x-limit': 200 } })).toBe(false);
    expect(matchesPattern(pattern, { ...event, time: '2017-10-03T00:00:00Z' })).toBe(false);
  });
});

describe('validatePattern', () => {
  const invalid: Array<[string, unknown, RegExp]> = [
    ['a non-object pattern', ['source'], /Filter is not an object/],
    ['an empty pattern', {}, /Empty objects are not allowed/],
    ['a non-array leaf value', { source: 'culturebridge.profiles' }, /"source" must be an object or an array/],
    ['an empty array', { source: [] }, /Empty arrays are not allowed/],
    ['a nested array', { source: [['a']] }, /Match value must be String/],
    ['an unknown operator', { source: [{ 'starts-with': 'a' }] }, /Unrecognized match type starts-with/],
    ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }, /Only one key allowed/],
    ['a non-string prefix', { source: [{ prefix: 1 }] }, /prefix match pattern must be a string/],
    ['a non-boolean exists', { source: [{ exists: 'yes' }] }, /either true or false/],
    ['a mixed anything-but list', { x: [{ 'anything-but': ['a', 1] }] }, /mixed type/],
    ['an anything-but boolean', { x: [{ 'anything-but': true }] }, /must be an array or single string\/number/],
    ['an unsupported anything-but form', { x: [{ 'anything-but': { numeric: ['>', 1] } }] }, /Unsupported anything-but pattern: numeric/],
    ['an unknown numeric operator', { x: [{ numeric: ['!=', 1] }] }, /Unrecognized numeric range operator: !=/],
    ['a non-numeric bound', { x: [{ numeric: ['>', '1'] }] }, /Value of > must be numeric/],
    ['an inverted range', { x: [{ numeric: ['>', 5, '<', 1] }] }, /Bottom must be less than top/],
    ['an upper bound first', { x: [{ numeric: ['<', 5, '>', 1] }] }, /Too many terms/],
    ['consecutive wildcards', { x: [{ wildcard: 'a**b' }] }, /Consecutive wildcard characters/],
    ['a bad wildcard escape', { x: [{ wildcard: 'a\\b' }] }, /Invalid escape/],
    ['a malformed cidr', { x: [{ cidr: '10.0.0.0' }] }, /Malformed CIDR/],
    ['a $or with one branch', { $or: [{ a: ['x'] }] }, /at least 2 objects/],
    ['an operator name inside $or', { $or: [{ prefix: ['x'] }, { a: ['y'] }] }, /reserved operator name/],
  ];

  it.each(invalid)('rejects %s', (_name, pattern, message) => {
    expect(() => validatePattern(pattern)).toThrow(EventPatternError);
    expect(() => validatePattern(pattern)).toThrow(message);
  });

  it('names the offending field in the message', () => {
    expect(() => validatePattern({ detail: { state: 'running' } })).toThrow(/at "detail\.state"/);
  });

  it('accepts every documented operator', () => {
    expect(() =>
      validatePattern({
        source: ['a', 1, true, null],
        detail: {
          a: [{ prefix: 'x' }, { prefix: { 'equals-ignore-case': 'x' } }, { suffix: 'x' }, { suffix: { 'equals-ignore-case': 'x' } }],
          b: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'x' } }, { 'anything-but': { suffix: 'x' } }],
          c: [{ 'anything-but': { 'equals-ignore-case': ['x'] } }, { 'anything-but': { wildcard: '*x' } }],
          d: [{ numeric: ['>=', 0, '<', 1] }, { numeric: ['=', 3] }, { exists: false }],
          e: [{ 'equals-ignore-case': 'x' }, { wildcard: 'x\\*y*' }, { cidr: '10.0.0.0/8' }],
          $or: [{ f: ['x'] }, { g: ['y'] }],
        },
      }),
    ).not.toThrow();
  });

  it('compiles once and matches many events', () => {
    const compiled = compilePattern({ source: ['culturebridge.profiles'] });
    expect(compiled.matches({ source: 'culturebridge.profiles' })).toBe(true);
    expect(compiled.matches({ source: 'culturebridge.matches' })).toBe(false);
    expect(compiled.matches('not an object')).toBe(false);
  });
});

describe('wildcard matching is linear', () => {
  // A partner's rule can hold several wildcards; as a regular expression (`^.*a.*b.*c.*d$`) it
  // backtracked polynomially over an event's value (1 500 characters took 12 s).
  it('looks through 100 000 characters against *a*b*c*d', () => {
    const pattern = { detail: { name: [{ wildcard: '*a*b*c*d' }] } };
    expect(matchesPattern(pattern, { detail: { name: 'abc'.repeat(33_000) } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { name: `${'abc'.repeat(33_000)}d` } })).toBe(true);
    expect(matchesPattern({ detail: { name: [{ 'anything-but': { wildcard: '*a*b*c*d' } }] } }, { detail: { name: 'abc'.repeat(33_000) } })).toBe(true);
  });

  it('keeps the parts in order, anchored at both ends', () => {
    const matches = (wildcard: string, value: string) => matchesPattern({ v: [{ wildcard }] }, { v: value });
    expect(matches('a*b', 'ab')).toBe(true);
    expect(matches('ab*ba', 'aba')).toBe(false);
    expect(matches('*lib*', 'src/lib/x')).toBe(true);
    expect(matches('a*b*c', 'acb')).toBe(false);
    expect(matches('x\\*y*', 'x*yz')).toBe(true);
    expect(matches('x\\*y*', 'xayz')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('abc', 'abc')).toBe(true);
  });
});
