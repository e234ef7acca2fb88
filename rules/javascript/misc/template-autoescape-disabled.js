const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
// ruleid: javascript.template-autoescape-disabled
const t = Handlebars.compile(src, { noEscape: true });
// ruleid: javascript.template-autoescape-disabled
nunjucks.configure('views', { autoescape: false });
// ok: javascript.template-autoescape-disabled
const u = Handlebars.compile(src, { strict: true });
// ok: javascript.template-autoescape-disabled
nunjucks.configure('views', { autoescape: true });
