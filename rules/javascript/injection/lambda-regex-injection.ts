import escapeStringRegexp from 'escape-string-regexp';

export const handler = async (event: any) => {
  const q = event.queryStringParameters;
  // ruleid: javascript.lambda-regex-injection
  const re = new RegExp(q.pattern);
  // ruleid: javascript.lambda-regex-injection
  const re2 = RegExp('^' + q.prefix, 'i');
  // ok: javascript.lambda-regex-injection
  const re3 = new RegExp(escapeStringRegexp(q.prefix));
  // ok: javascript.lambda-regex-injection
  const re4 = new RegExp('^[a-z0-9-]+$');
  return [re, re2, re3, re4].map((r) => r.test(q.name));
};
export const other = async () => {
  // ok: javascript.lambda-regex-injection
  return new RegExp('^evt_[0-9]+$');
};
