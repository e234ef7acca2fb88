const libxmljs = require('libxmljs');
exports.handler = async (event) => {
  // ruleid: javascript.libxmljs-noent
  const a = libxmljs.parseXml(event.body, { noent: true });
  // ruleid: javascript.libxmljs-noent
  const b = libxmljs.parseXmlString(event.body, { dtdload: true, nonet: false });
  // ok: javascript.libxmljs-noent
  const c = libxmljs.parseXml(event.body);
  // ok: javascript.libxmljs-noent
  const d = libxmljs.parseXmlString(event.body, { noent: false, nonet: true });
};
