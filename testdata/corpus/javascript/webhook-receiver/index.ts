// Webhook receiver: accepts partner callbacks (JSON, XML, YAML), fetches attachments and forwards events.
import https from 'node:https';
import vm from 'node:vm';
import axios from 'axios';
import _ from 'lodash';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import xml2js from 'xml2js';
import serialize from 'node-serialize';
import Handlebars from 'handlebars';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const PARTNER_HOSTS = new Set(['hooks.partner.example.com', 'files.partner.example.com']);
const insecureAgent = new https.Agent({ rejectUnauthorized: false });
const pinnedAgent = new https.Agent({ rejectUnauthorized: true, minVersion: 'TLSv1.2' });
const oldAgent = new https.Agent({ minVersion: 'TLSv1' });
const defaults: Record<string, unknown> = { retries: 3 };

export async function handler(event: APIGatewayProxyEvent) {
  const body = JSON.parse(event.body || '{}');
  const type = event.headers['content-type'] || '';

  // Attachments and callbacks.
  const attachment = await axios.get(body.attachmentUrl, { httpsAgent: pinnedAgent });
  const status = await fetch(body.callback.url, { method: 'POST', body: 'ok' });
  const u = new URL(body.fileUrl);
  if (PARTNER_HOSTS.has(u.hostname)) {
    await axios.get(body.fileUrl);
  }
  await axios.post('https://audit.example.com/events', { id: body.id }, { httpsAgent: insecureAgent });
  await axios.post('http://partner-api.example.com/v1/confirm', { token: body.token });
  await fetch(`http://localhost:${process.env.PORT ?? 2772}/health`);
  https.get('https://status.example.com/ping', { agent: oldAgent });

  // Payload formats.
  let payload: any = {};
  if (type.includes('xml')) {
    const doc = libxmljs.parseXml(body.xml, { noent: true });
    const plain = libxmljs.parseXml(body.xml);
    payload = await xml2js.parseStringPromise(body.xml);
    const dom = new DOMParser().parseFromString(body.xml, 'text/xml');
    const nodes = xpath.select(`//order[@id='${body.orderId}']`, dom);
    const fixedNodes = xpath.select('//order', dom);
    console.log(doc.root()?.name(), plain.root()?.name(), nodes, fixedNodes);
  } else if (type.includes('yaml')) {
    payload = yaml.load(body.yaml, { schema: yaml.DEFAULT_FULL_SCHEMA });
    const cfg = yaml.load(body.yaml, { schema: yaml.JSON_SCHEMA });
    console.log(cfg);
  } else if (type.includes('x-serialized')) {
    payload = serialize.unserialize(body.state);
  } else {
    payload = JSON.parse(body.raw ?? '{}');
  }

  // Merge settings sent by the partner.
  const settings = _.merge({}, defaults, body.settings);
  _.set(settings, body.path, body.value);
  const picked = _.merge({}, defaults, _.pick(body.settings, ['retries', 'timeout']));
  const target: any = {};
  target[body.section][body.key] = body.value;

  // Filters and templates.
  const re = new RegExp(body.filter);
  const fixedRe = new RegExp('^evt_[a-z0-9]+$');
  const tpl = Handlebars.compile(body.template);
  const greeting = Handlebars.compile('Hello {{name}}')({ name: body.name });
  const score = vm.runInNewContext(body.rule, { payload });
  const fixedScore = vm.runInNewContext('payload.total > 100', { payload });
  setTimeout(body.onDone, 10);
  setTimeout(() => console.log('done'), 10);
  const plugin = require(`./plugins/${body.plugin}`);
  const known = require('./plugins/default');

  console.log('webhook from ' + body.partner + ' accepted');
  console.log(JSON.stringify({ msg: 'webhook accepted', partner: body.partner }));

  return {
    statusCode: 200,
    body: JSON.stringify({ ok: true, attachment: attachment.status, status: status.status, picked, re: re.source,
      fixed: fixedRe.source, tpl: tpl({}), greeting, score, fixedScore, plugin, known, payload: !!payload }),
  };
}
