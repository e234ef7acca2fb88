// TypeScript cases for javascript.eval-non-literal (ESM handler).
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const q = event.queryStringParameters ?? {};

  // ruleid: javascript.eval-non-literal
  const value: number = eval(q.formula as string);

  // ruleid: javascript.eval-non-literal
  const f = new Function('x', `return x * ${q.factor}`);

  // ok: javascript.eval-non-literal
  const fixed: number = eval('6 * 7');

  // ok: javascript.eval-non-literal
  const safe = Number.parseFloat(q.formula ?? '0');

  return { statusCode: 200, body: JSON.stringify({ value, f: f(2), fixed, safe }) };
};
