const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
exports.handler = async (event) => {
  const doc = new DOMParser().parseFromString(event.body, 'text/xml');
  const id = event.queryStringParameters.id;
  // ruleid: javascript.lambda-xpath-injection
  const a = xpath.select(`//user[@id='${id}']`, doc);
  // ruleid: javascript.lambda-xpath-injection
  const b = xpath.select1("//order[name='" + id + "']/total", doc);
  // ok: javascript.lambda-xpath-injection
  const c = xpath.select('//user', doc);
  // ok: javascript.lambda-xpath-injection
  const d = xpath.select1('//order/total', doc);
  return { a, b, c, d };
};
