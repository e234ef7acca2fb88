const _ = require('lodash');
const DEFAULTS = { retries: 3 };
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  // ruleid: javascript.lambda-prototype-pollution
  const cfg = _.merge({}, DEFAULTS, body.settings);
  // ruleid: javascript.lambda-prototype-pollution
  _.set(cfg, body.path, body.value);
  const store = {};
  // ruleid: javascript.lambda-prototype-pollution
  store[body.ns][body.key] = body.value;
  // ok: javascript.lambda-prototype-pollution
  const safe = _.merge({}, DEFAULTS, _.pick(body.settings, ['retries']));
  // ok: javascript.lambda-prototype-pollution
  _.set(cfg, 'limits.max', body.value);
  return { cfg, safe, store };
};
exports.reset = async () => {
  // ok: javascript.lambda-prototype-pollution
  return _.merge({}, DEFAULTS, { retries: 5 });
};
