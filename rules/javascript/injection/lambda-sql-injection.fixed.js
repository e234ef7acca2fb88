'use strict';
const mysql = require('mysql2/promise');
const { Pool } = require('pg');
const knex = require('knex')({ client: 'pg' });
const sequelize = require('./db').sequelize;

const pool = new Pool();
const db = mysql.createPool({});
const query = require('util').promisify(db.query).bind(db);

exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const id = event.pathParameters.id;
  // ruleid: javascript.lambda-sql-injection
  await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  // ruleid: javascript.lambda-sql-injection
  await db.execute('DELETE FROM carts WHERE owner = ?', [body.owner]);
  // ruleid: javascript.lambda-sql-injection
  await knex.raw('select * from t where a = ?', [body.a]);
  // ruleid: javascript.lambda-sql-injection
  await knex('orders').whereRaw(`status = '${body.status}'`);
  // ruleid: javascript.lambda-sql-injection
  await sequelize.query(`UPDATE users SET name = '${body.name}'`);
  // ok: javascript.lambda-sql-injection
  await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  // ok: javascript.lambda-sql-injection
  await db.execute('DELETE FROM carts WHERE owner = ?', [body.owner]);
  // ok: javascript.lambda-sql-injection
  await knex.raw('select * from t where a = ?', [body.a]);
  // ok: javascript.lambda-sql-injection
  await pool.query('SELECT * FROM users WHERE id = ' + Number(id));
  // ok: javascript.lambda-sql-injection
  await db.query('SELECT * FROM t WHERE a = ' + db.escape(body.a));
  // ruleid: javascript.lambda-sql-injection
  await query(`SELECT * FROM t ORDER BY ${body.sort}`);
  // ok: javascript.lambda-sql-injection
  await query('SELECT * FROM t WHERE a = ?', [body.a]);
  return { statusCode: 200 };
};
