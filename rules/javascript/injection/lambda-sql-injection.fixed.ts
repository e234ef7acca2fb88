import { Client } from 'pg';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';

const client = new Client();
const ddb: any = new DynamoDBClient({});

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    // ruleid: javascript.lambda-sql-injection
    await client.query('INSERT INTO audit VALUES ($1, $2)', [msg.user, msg.action]);
    // ok: javascript.lambda-sql-injection
    await client.query('INSERT INTO audit VALUES ($1, $2)', [msg.user, msg.action]);
    // ok: javascript.lambda-sql-injection
    await ddb.query({ TableName: 'audit', KeyConditionExpression: 'u = :u', ExpressionAttributeValues: { ':u': msg.user } });
  }
};
