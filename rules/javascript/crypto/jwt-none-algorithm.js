const jwt = require('jsonwebtoken');
const t = '', key = process.env.KEY;
exports.handler = async (event) => {
  // ruleid: javascript.jwt-none-algorithm
  const a = jwt.verify(t, key, { algorithms: ['HS256', 'none'] });
  // ruleid: javascript.jwt-none-algorithm
  const b = jwt.verify(t, key, { algorithms: ['none'] });
  // ok: javascript.jwt-none-algorithm
  const c = jwt.verify(t, key, { algorithms: ['HS256'] });
  // ok: javascript.jwt-none-algorithm
  const d = jwt.verify(t, key, { algorithms: ['RS256', 'ES256'] });
};
