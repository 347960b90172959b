import { describe, expect, it } from 'vitest';
import { sdkImports } from './cold-start.js';

describe('cold-start benchmark', () => {
  it('finds the SDK packages a minified bundle imports statically, not the ones it loads on first use', () => {
    const bundle =
      'import{DynamoDBClient as a}from"@aws-sdk/client-dynamodb";import {DynamoDBDocumentClient as b} from \'@aws-sdk/lib-dynamodb\';' +
      'import"@smithy/node-http-handler";import*as c from"@aws-sdk/client-dynamodb";const d=()=>import("@aws-sdk/client-sesv2");import{z}from"zod";';
    expect(sdkImports(bundle)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@smithy/node-http-handler']);
  });
});
