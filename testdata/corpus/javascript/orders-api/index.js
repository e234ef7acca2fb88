'use strict';
// Orders API behind API Gateway (REST, proxy integration).
const mysql = require('mysql2/promise');
const { Pool } = require('pg');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const { Sequelize, QueryTypes } = require('sequelize');
const { DynamoDBClient, ExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, ScanCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const escapeHtml = require('escape-html');

const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'orders', password: process.env.DB_PASSWORD, database: 'orders' });
const pg = new Pool({ connectionString: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL);
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const raw = new DynamoDBClient({});
const ALLOWED_RETURN = ['/orders', '/account'];

async function listOrders(event) {
  const customer = event.queryStringParameters.customer;
  const status = event.queryStringParameters.status || 'open';
  const [rows] = await pool.query("SELECT * FROM orders WHERE customer = '" + customer + "'");
  const [mine] = await pool.execute('SELECT * FROM orders WHERE customer = ? AND status = ?', [customer, status]);
  return rows.concat(mine);
}

async function searchOrders(event) {
  const body = JSON.parse(event.body);
  const res = await pg.query(`SELECT id, total FROM orders WHERE note LIKE '%${body.term}%'`);
  const ok = await pg.query('SELECT id FROM orders WHERE id = $1', [body.id]);
  const k = await knex.raw(`select * from orders where region = '${body.region}'`);
  const k2 = await knex.raw('select * from orders where region = ?', [body.region]);
  const s = await sequelize.query('SELECT * FROM invoices WHERE ref = ' + body.ref, { type: QueryTypes.SELECT });
  const s2 = await sequelize.query('SELECT * FROM invoices WHERE ref = :ref', { replacements: { ref: body.ref }, type: QueryTypes.SELECT });
  const sorted = await knex('orders').orderByRaw(body.sort);
  return { res, ok, k, k2, s, s2, sorted };
}

async function dynamoSearch(event) {
  const q = event.queryStringParameters;
  const scan = await ddb.send(new ScanCommand({
    TableName: 'orders',
    FilterExpression: `customer = ${q.customer}`,
  }));
  const good = await ddb.send(new QueryCommand({
    TableName: 'orders',
    KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': q.customer },
  }));
  const stmt = `SELECT * FROM "orders" WHERE customer = '${q.customer}'`;
  const partiql = await raw.send(new ExecuteStatementCommand({ Statement: stmt }));
  const safe = await raw.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "orders" WHERE customer = ?', Parameters: [{ S: q.customer }] }));
  return { scan, good, partiql, safe };
}

function renderReceipt(event) {
  const name = event.queryStringParameters.name;
  const html = `<html><body><h1>Thanks, ${name}!</h1></body></html>`;
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html' },
    body: html,
  };
}

function renderReceiptSafe(event) {
  const name = escapeHtml(event.queryStringParameters.name);
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<html><body><h1>Thanks, ${name}!</h1></body></html>`,
  };
}

function backTo(event) {
  const next = event.queryStringParameters.next;
  if (ALLOWED_RETURN.includes(next)) {
    return { statusCode: 302, headers: { Location: next }, body: '' };
  }
  return { statusCode: 302, headers: { Location: event.queryStringParameters.fallback }, body: '' };
}

function download(event) {
  const file = event.pathParameters.file;
  return {
    statusCode: 200,
    headers: { 'Content-Disposition': `attachment; filename="${file}"`, 'Content-Type': 'application/pdf' },
    body: '',
  };
}

exports.handler = async (event, context) => {
  try {
    switch (event.resource) {
      case '/orders': return { statusCode: 200, body: JSON.stringify(await listOrders(event)) };
      case '/search': return { statusCode: 200, body: JSON.stringify(await searchOrders(event)) };
      case '/dynamo': return { statusCode: 200, body: JSON.stringify(await dynamoSearch(event)) };
      case '/receipt': return renderReceipt(event);
      case '/receipt2': return renderReceiptSafe(event);
      case '/back': return backTo(event);
      case '/download': return download(event);
      default: return { statusCode: 404, body: 'not found' };
    }
  } catch (err) {
    console.error('request failed', err);
    return {
      statusCode: 500,
      headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' },
      body: JSON.stringify({ message: err.message, stack: err.stack }),
    };
  }
};

exports.health = async () => ({
  statusCode: 200,
  headers: { 'Access-Control-Allow-Origin': 'https://shop.example.com', 'Access-Control-Allow-Credentials': 'true' },
  body: JSON.stringify({ ok: true, region: process.env.AWS_REGION }),
});

exports.debugEnv = async () => ({
  statusCode: 200,
  body: JSON.stringify(process.env),
});
