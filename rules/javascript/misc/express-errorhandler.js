const express = require('express');
const errorhandler = require('errorhandler');
const app = express();
// ruleid: javascript.express-errorhandler
app.use(errorhandler());
// ruleid: javascript.express-errorhandler
app.use(errorhandler({ log: true }));
if (process.env.NODE_ENV === 'development') {
  // ok: javascript.express-errorhandler
  app.use(errorhandler());
}
// ok: javascript.express-errorhandler
app.use(express.json());
