exports.handler = async (event) => {
  const { plugin } = JSON.parse(event.body);
  // ruleid: javascript.lambda-require-injection
  const p = require('./plugins/' + plugin);
  // ruleid: javascript.lambda-require-injection
  const q = await import(`./formats/${event.queryStringParameters.fmt}.js`);
  // ok: javascript.lambda-require-injection
  const r = require('./plugins/default');
  const PLUGINS = { csv: () => require('./plugins/csv') };
  // ok: javascript.lambda-require-injection
  const s = require('node:path');
  return { p, q, r, s, x: PLUGINS[plugin] };
};
