// Imported first by local entry points: the SDK reads this when it loads, and on Node 20 it would
// otherwise print a support warning for every client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
