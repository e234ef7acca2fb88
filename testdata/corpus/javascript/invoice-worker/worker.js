'use strict';
// SQS worker: renders invoices, stores them and notifies customers (callback-style helpers, AWS SDK v2 and v3 mixed).
const mysql = require('mysql');
const util = require('util');
const cp = require('child_process');
const fs = require('fs/promises');
const path = require('path');
const crypto = require('crypto');
const AWS = require('aws-sdk');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const got = require('got');
const merge = require('lodash.merge');

const connection = mysql.createConnection({ host: process.env.DB_HOST, user: 'invoices', password: process.env.DB_PASSWORD });
const query = util.promisify(connection.query).bind(connection);
const docClient = new AWS.DynamoDB.DocumentClient();
const s3 = new S3Client({});
const OUT = '/tmp/invoices';

function findCustomer(id, cb) {
  connection.query('SELECT * FROM customers WHERE id = ' + id, cb);
}

function findCustomerSafe(id, cb) {
  connection.query('SELECT * FROM customers WHERE id = ?', [id], cb);
}

async function lineItems(invoice) {
  const sort = invoice.sortBy || 'position';
  return query(`SELECT * FROM items WHERE invoice = ? ORDER BY ${sort}`, [invoice.id]);
}

async function history(invoice) {
  const res = await docClient.scan({
    TableName: 'invoices',
    FilterExpression: 'customer = :c AND #s = ' + invoice.state,
    ExpressionAttributeNames: { '#s': 'state' },
    ExpressionAttributeValues: { ':c': invoice.customer },
  }).promise();
  const ok = await docClient.query({
    TableName: 'invoices',
    KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': invoice.customer },
  }).promise();
  return res.Items.concat(ok.Items);
}

async function render(invoice) {
  const file = path.join(OUT, invoice.number + '.pdf');
  await fs.writeFile(file, 'pdf');
  await fs.writeFile(path.join(OUT, crypto.randomUUID() + '.pdf'), 'pdf');
  cp.execSync('pdftk ' + file + ' output ' + file + '.min.pdf');
  cp.execFileSync('pdftk', [file, 'output', file + '.min.pdf']);
  return file;
}

async function notify(invoice) {
  const webhook = invoice.customerWebhook;
  await got.post(webhook, { json: { id: invoice.id } });
  await got.post('https://notify.internal.example.com/invoices', { json: { id: invoice.id } });
}

exports.handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    const invoice = JSON.parse(record.body);
    console.log(`processing invoice ${invoice.number} for ${invoice.email}`);
    const options = merge({ currency: 'EUR' }, invoice.options);
    const file = await render(invoice);
    await lineItems(invoice);
    await history(invoice);
    findCustomer(invoice.customer, () => {});
    findCustomerSafe(invoice.customer, () => {});
    await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: path.basename(file), Body: await fs.readFile(file) }));
    const signature = crypto.createHmac('sha256', process.env.SIGNING_KEY).update(file).digest('hex');
    if (signature == invoice.signature) {
      console.log('signature ok');
    }
    if (crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(String(invoice.signature)))) {
      console.log('signature ok');
    }
    const downloadToken = Math.random().toString(36).substring(2, 12);
    const shard = Math.floor(Math.random() * 16);
    await notify({ ...invoice, options, downloadToken, shard });
    console.log(`invoice ${invoice.id} done`, JSON.stringify({ shard }));
  }
  return { batchItemFailures: failures };
};
