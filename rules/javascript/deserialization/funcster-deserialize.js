const funcster = require('funcster');
exports.handler = async (event) => {
  // ruleid: javascript.funcster-deserialize
  const a = funcster.deepDeserialize(JSON.parse(event.body));
  // ruleid: javascript.funcster-deserialize
  const b = funcster.deserialize(event.body);
  // ok: javascript.funcster-deserialize
  const c = JSON.parse(event.body);
  // ok: javascript.funcster-deserialize
  const d = funcster.serialize(() => 1);
};
