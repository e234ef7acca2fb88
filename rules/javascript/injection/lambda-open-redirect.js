const ALLOWED = ['/home', '/orders'];
exports.handler = async (event) => {
  const next = event.queryStringParameters.next;
  if (event.path === '/a') {
    // ruleid: javascript.lambda-open-redirect
    return { statusCode: 302, headers: { Location: next }, body: '' };
  }
  if (event.path === '/b') {
    // ruleid: javascript.lambda-open-redirect
    const res = { statusCode: 301, headers: { location: `https://${event.headers.host}/x` } };
    return res;
  }
  if (ALLOWED.includes(next)) {
    // ok: javascript.lambda-open-redirect
    return { statusCode: 302, headers: { Location: next } };
  }
  // ok: javascript.lambda-open-redirect
  return { statusCode: 302, headers: { Location: '/home' } };
};
