const serialize = require('node-serialize');
const { unserialize } = require('node-serialize');
const php = require('php-serialize');
exports.handler = async (event) => {
  // ruleid: javascript.node-serialize-unserialize
  const a = serialize.unserialize(event.body);
  // ruleid: javascript.node-serialize-unserialize
  const b = unserialize(Buffer.from(event.headers.state, 'base64').toString());
  // ok: javascript.node-serialize-unserialize
  const c = JSON.parse(event.body);
  // ok: javascript.node-serialize-unserialize
  const d = serialize.serialize({ a: 1 });
  // ok: javascript.node-serialize-unserialize
  const e = php.unserialize(event.body);
};
