import escapeHtml from 'escape-html';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  const q = event.queryStringParameters ?? {};
  if (q.mode === 'a') {
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/html' },
      // ruleid: javascript.lambda-xss-html-response
      body: `<p>Hello ${q.name}</p>`,
    };
  }
  const html = '<ul><li>' + q.item + '</li></ul>';
  if (q.mode === 'b') {
    // ruleid: javascript.lambda-xss-html-response
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
  }
  if (q.mode === 'c') {
    // ok: javascript.lambda-xss-html-response
    return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: `<p>Hello ${escapeHtml(q.name ?? '')}</p>` };
  }
  // ok: javascript.lambda-xss-html-response
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: q.name }) };
};
