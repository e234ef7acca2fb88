exports.handler = async () => {
  // ruleid: javascript.environment-in-response
  return { statusCode: 200, body: JSON.stringify(process.env) };
};
exports.b = async () => {
  // ruleid: javascript.environment-in-response
  return { statusCode: 200, body: JSON.stringify({ env: process.env }) };
};
exports.e = async () => ({
  statusCode: 200,
  // ruleid: javascript.environment-in-response
  body: JSON.stringify(process.env),
});
exports.c = async () => {
  // ok: javascript.environment-in-response
  return { statusCode: 200, body: JSON.stringify({ region: process.env.AWS_REGION }) };
};
exports.d = async () => {
  // ok: javascript.environment-in-response
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};
