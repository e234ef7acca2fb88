// ESM/TypeScript handler forms: export const, export async function, SQS records.
import { exec, execSync } from 'node:child_process';
import * as cp from 'child_process';
import type { SQSEvent, APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body);
    // ruleid: javascript.lambda-child-process-injection
    execSync('ffmpeg -i ' + job.input + ' /tmp/out.mp4');
    // ok: javascript.lambda-child-process-injection
    execSync('ffmpeg -version');
  }
};

export async function main(e: APIGatewayProxyEvent) {
  const host = e.queryStringParameters?.host ?? 'localhost';
  // ruleid: javascript.lambda-child-process-injection
  exec(`ping -c 1 ${host}`, () => {});
  // ok: javascript.lambda-child-process-injection
  cp.spawn('ping', ['-c', '1', host]);
  return { statusCode: 200, body: host };
}
