const jwt = require('jsonwebtoken');
exports.handler = async (event) => {
  // ruleid: javascript.hardcoded-jwt-secret
  const t = jwt.sign({ sub: 'u' }, process.env.JWT_SECRET);
  // ruleid: javascript.hardcoded-jwt-secret
  const c = jwt.verify(event.headers.token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
  // ok: javascript.hardcoded-jwt-secret
  const t2 = jwt.sign({ sub: 'u' }, process.env.JWT_SECRET, { algorithm: 'HS256' });
  // ok: javascript.hardcoded-jwt-secret
  const c2 = jwt.verify(event.headers.token, publicKey, { algorithms: ['RS256'] });
  return [t, c, t2, c2];
};
