import ejs from 'ejs';
import Handlebars from 'handlebars';
import _ from 'lodash';
import { readFileSync } from 'node:fs';

const PAGE = readFileSync('/var/task/views/page.ejs', 'utf8');

export const handler = async (event: any) => {
  const msg = JSON.parse(event.body);
  // ruleid: javascript.lambda-template-injection
  const a = ejs.render(msg.template, { user: msg.user });
  // ruleid: javascript.lambda-template-injection
  const b = Handlebars.compile('<h1>' + msg.title + '</h1>')({});
  // ruleid: javascript.lambda-template-injection
  const c = _.template(msg.tpl)({ x: 1 });
  // ok: javascript.lambda-template-injection
  const d = ejs.render(PAGE, { user: msg.user });
  // ok: javascript.lambda-template-injection
  const e = Handlebars.compile('<h1>{{title}}</h1>')({ title: msg.title });
  return { statusCode: 200, body: a + b + c + d + e };
};
