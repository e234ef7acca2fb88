const https = require('https');
// ruleid: javascript.tls-check-server-identity-disabled
const a = new https.Agent({ checkServerIdentity: () => undefined });
// ruleid: javascript.tls-check-server-identity-disabled
https.request({ host: 'h', checkServerIdentity: function () { return undefined; } });
// ok: javascript.tls-check-server-identity-disabled
const b = new https.Agent({ checkServerIdentity: (host, cert) => pinCheck(host, cert) });
// ok: javascript.tls-check-server-identity-disabled
const c = new https.Agent({ keepAlive: true });
module.exports = { a, b, c };
