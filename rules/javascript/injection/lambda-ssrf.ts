import axios from 'axios';
import https from 'node:https';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const ALLOWED = new Set(['api.example.com']);

export const handler = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}');
  // ruleid: javascript.lambda-ssrf
  const r1 = await fetch(body.url);
  // ruleid: javascript.lambda-ssrf
  const r2 = await axios.post(`${body.base}/hook`, { ok: true });
  // ruleid: javascript.lambda-ssrf
  https.get(event.queryStringParameters!.feed, () => {});
  // ruleid: javascript.lambda-ssrf
  await axios({ method: 'get', url: body.target });
  // ok: javascript.lambda-ssrf
  await fetch('https://api.example.com/v1/items');
  // ok: javascript.lambda-ssrf
  await fetch(`https://api.example.com/v1/items/${encodeURIComponent(body.id)}`);
  const host = body.host;
  if (ALLOWED.has(host)) {
    // ok: javascript.lambda-ssrf
    await axios.get(host);
  }
  return { statusCode: 200, body: String(r1.status + r2.status) };
};
