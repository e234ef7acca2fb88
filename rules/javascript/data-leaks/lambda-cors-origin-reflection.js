exports.handler = async (event) => {
  const origin = event.headers.origin;
  if (event.path === '/a') {
    return {
      statusCode: 200,
      // ruleid: javascript.lambda-cors-origin-reflection
      headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' },
    };
  }
  if (event.path === '/b') {
    // ruleid: javascript.lambda-cors-origin-reflection
    return { statusCode: 200, headers: { 'Access-Control-Allow-Credentials': true, 'Access-Control-Allow-Origin': event.headers.Origin } };
  }
  const ALLOWED = ['https://app.example.com'];
  if (ALLOWED.includes(origin)) {
    // ok: javascript.lambda-cors-origin-reflection
    return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' } };
  }
  // ok: javascript.lambda-cors-origin-reflection
  return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': origin } };
};
