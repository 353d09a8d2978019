// Production build of the AdminJS custom components (.adminjs/bundle.js), so that the production
// server starts without bundling (it runs with ADMIN_JS_SKIP_BUNDLE=true and serves this file).
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_SKIP_BUNDLE = 'false';
const { default: AdminJS } = await import('adminjs');
const { componentLoader } = await import('../src/admin/components/index.js');
const started = Date.now();
await new AdminJS({ componentLoader }).initialize();
console.log(`Composants AdminJS empaquetés dans .adminjs/bundle.js en ${((Date.now() - started) / 1000).toFixed(1)} s`);
