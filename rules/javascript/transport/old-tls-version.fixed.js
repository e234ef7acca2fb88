const https = require('https');
const tls = require('tls');
// ruleid: javascript.old-tls-version
const a = new https.Agent({ minVersion: 'TLSv1.2' });
// ruleid: javascript.old-tls-version
const b = tls.connect({ host: 'h', minVersion: 'TLSv1.2' });
// ok: javascript.old-tls-version
const c = new https.Agent({ minVersion: 'TLSv1.2' });
// ok: javascript.old-tls-version
const d = tls.connect({ host: 'h', minVersion: 'TLSv1.3' });
module.exports = { a, b, c, d };
