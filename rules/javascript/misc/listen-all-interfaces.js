const express = require('express');
const app = express();
// ruleid: javascript.listen-all-interfaces
app.listen(8080, '0.0.0.0');
// ruleid: javascript.listen-all-interfaces
server.listen({ port: 8080, host: '0.0.0.0' });
// ok: javascript.listen-all-interfaces
app.listen(8080, '127.0.0.1');
// ok: javascript.listen-all-interfaces
app.listen(8080, 'localhost');
