const jwt = require('jsonwebtoken');
exports.handler = async (event) => {
  // ruleid: javascript.jwt-decode-without-verify
  const claims = jwt.decode(event.headers.authorization.slice(7));
  const t = event.headers['x-token'];
  // ruleid: javascript.jwt-decode-without-verify
  const c2 = jwt.decode(t, { complete: true });
  // ok: javascript.jwt-decode-without-verify
  const c3 = jwt.verify(t, process.env.JWT_KEY, { algorithms: ['RS256'] });
  // ok: javascript.jwt-decode-without-verify
  const c4 = jwt.decode(process.env.SERVICE_TOKEN);
  return { claims, c2, c3, c4 };
};
