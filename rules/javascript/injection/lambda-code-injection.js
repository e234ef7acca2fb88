const vm = require('node:vm');
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  // ruleid: javascript.lambda-code-injection
  const r = vm.runInNewContext(body.rule, { total: 3 });
  // ruleid: javascript.lambda-code-injection
  setTimeout('notify("' + body.user + '")', 100);
  // ruleid: javascript.lambda-code-injection
  const s = new vm.Script(`result = ${body.expr}`);
  // ok: javascript.lambda-code-injection
  vm.runInNewContext('total > 100', { total: body.total });
  // ok: javascript.lambda-code-injection
  setTimeout(() => console.log(body.user), 100);
  // ok: javascript.lambda-code-injection
  setTimeout(notify, Number(body.delay));
  return { statusCode: 200, body: JSON.stringify({ r, s: !!s }) };
};
