// Turns a record as the DynamoDB Streams SDK client returns it into the record Lambda's event source
// mapping delivers: the same JSON the service sent, not the SDK's parsed form. Two things differ:
// the SDK parses ApproximateCreationDateTime (epoch seconds on the wire) into a Date, and binary
// attributes (base64 on the wire) into Uint8Array.

import type { AttributeValue as SdkAttributeValue, _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';

type WireImage = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** One attribute value back in wire form ({ S: 'x' }, { B: 'AQID' }, nested M and L alike). */
export function toWireAttributeValue(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toWireAttributeValue) };
  if (value.M !== undefined) return { M: toWireImage(value.M) };
  // A type this SDK version does not know: hand it on as the service sent it.
  if (value.$unknown) {
    const [type, raw] = value.$unknown;
    return { [type]: raw } as unknown as AttributeValue;
  }
  // The Streams client (3.1141) reads an empty map, {"M":{}} on the wire, as a value with no member
  // at all. Empty sets cannot be stored and an empty list keeps its `L`, so nothing else reads so.
  return { M: {} };
}

export function toWireImage(image: Record<string, SdkAttributeValue>): WireImage {
  const wire: WireImage = {};
  for (const [name, value] of Object.entries(image)) wire[name] = toWireAttributeValue(value);
  return wire;
}

/**
 * The Lambda event record for one stream record. Fields the service did not send are left out
 * rather than set to undefined, so the record serialises exactly as Lambda's JSON does.
 */
export function toLambdaRecord(record: SdkRecord, streamArn: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {};
  if (source.ApproximateCreationDateTime) dynamodb.ApproximateCreationDateTime = source.ApproximateCreationDateTime.getTime() / 1000;
  if (source.Keys) dynamodb.Keys = toWireImage(source.Keys);
  if (source.NewImage) dynamodb.NewImage = toWireImage(source.NewImage);
  if (source.OldImage) dynamodb.OldImage = toWireImage(source.OldImage);
  if (source.SequenceNumber !== undefined) dynamodb.SequenceNumber = source.SequenceNumber;
  if (source.SizeBytes !== undefined) dynamodb.SizeBytes = source.SizeBytes;
  if (source.StreamViewType !== undefined) dynamodb.StreamViewType = source.StreamViewType;

  const lambdaRecord: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb,
    eventSourceARN: streamArn,
  };
  // Present only on deletes made by TTL: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }.
  if (record.userIdentity) lambdaRecord.userIdentity = { ...record.userIdentity };
  for (const key of ['eventID', 'eventName', 'awsRegion'] as const) {
    if (lambdaRecord[key] === undefined) delete lambdaRecord[key];
  }
  return lambdaRecord;
}

/** When the record reached the stream, as an ISO string (for the failure metadata). */
export function approximateArrival(record: DynamoDBRecord): string | undefined {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}
