// ESM/TypeScript handler forms: export const, export async function, SQS records.
import { exec, execSync, execFileSync, execFile } from 'node:child_process';
import * as cp from 'child_process';
import { promisify } from 'node:util';
import type { SQSEvent, APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body);
    // ruleid: javascript.lambda-child-process-injection
    execFileSync('ffmpeg', ['-i', job.input, '/tmp/out.mp4']);
    // ok: javascript.lambda-child-process-injection
    execSync('ffmpeg -version');
  }
};

export async function main(e: APIGatewayProxyEvent) {
  const host = e.queryStringParameters?.host ?? 'localhost';
  // ruleid: javascript.lambda-child-process-injection
  execFile('ping', ['-c', '1', host], () => {});
  // ok: javascript.lambda-child-process-injection
  cp.spawn('ping', ['-c', '1', host]);
  return { statusCode: 200, body: host };
}

const run = promisify(exec);

export const thumbnail = async (event: { Records: { s3: { object: { key: string } } }[] }) => {
  const key = event.Records[0].s3.object.key;
  // A promisified alias of exec (sink written with pattern-inside), in a
  // second handler of the file (its first parameter is the event).
  // ruleid: javascript.lambda-child-process-injection
  await run(`convert /tmp/${key} -resize 128x /tmp/out.png`);
  // ok: javascript.lambda-child-process-injection
  await run('convert -version');
  return key;
};
