exports.handler = async () => {
  return {
    statusCode: 200,
    // ruleid: javascript.cors-wildcard-with-credentials
    headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' },
  };
};
exports.b = async () => ({
  statusCode: 200,
  // ruleid: javascript.cors-wildcard-with-credentials
  headers: { 'Access-Control-Allow-Credentials': true, 'Access-Control-Allow-Origin': '*' },
});
exports.c = async () => ({
  statusCode: 200,
  // ok: javascript.cors-wildcard-with-credentials
  headers: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' },
});
exports.d = async () => ({
  statusCode: 200,
  // ok: javascript.cors-wildcard-with-credentials
  headers: { 'Access-Control-Allow-Origin': '*' },
});
