// Test cases for javascript.eval-non-literal.
'use strict';

exports.handler = async (event) => {
  const body = JSON.parse(event.body);

  // ruleid: javascript.eval-non-literal
  const result = eval(body.expression);

  // ruleid: javascript.eval-non-literal
  const fn = new Function('a', 'b', body.code);

  // ruleid: javascript.eval-non-literal
  globalThis.eval(`return ${body.expr}`);

  // ruleid: javascript.eval-non-literal
  const g = Function(body.code);

  // ok: javascript.eval-non-literal
  const two = eval('1 + 1');

  // ok: javascript.eval-non-literal
  const add = new Function('a', 'b', 'return a + b');

  // ok: javascript.eval-non-literal
  const tpl = eval(`40 + 2`);

  // ok: javascript.eval-non-literal
  const parsed = JSON.parse(body.expression);

  // ok: javascript.eval-non-literal
  myScope.eval(body.expression);

  return { statusCode: 200, body: JSON.stringify({ result, two, add, tpl, parsed, fn, g }) };
};
