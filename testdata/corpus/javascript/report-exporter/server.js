'use strict';
// Local preview server, also run behind the Lambda Web Adapter.
const express = require('express');
const errorhandler = require('errorhandler');
const { Pool } = require('pg');

const app = express();
const db = new Pool({ host: 'reports.cluster-abc.eu-west-1.rds.amazonaws.com', user: 'reports', password: 'Rep0rts!Prod#2024' });
const db2 = new Pool({ host: process.env.DB_HOST, user: 'reports', password: process.env.DB_PASSWORD });

app.use(errorhandler());
if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
}

app.get('/reports/:id', async (req, res) => {
  const r = await db.query('SELECT html FROM reports WHERE id = $1', [req.params.id]);
  res.cookie('preview', req.params.id);
  res.cookie('sid', req.params.id, { secure: true, httpOnly: true, sameSite: 'strict' });
  res.send(r.rows[0] ? r.rows[0].html : '');
});

app.get('/health', async (_req, res) => res.json({ ok: !!db2 }));

app.listen(8080, '0.0.0.0');
app.listen(8081, '127.0.0.1');
