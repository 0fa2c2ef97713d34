export { createApiKey, startTestServer, signUp, type TestServer } from "./server";
export { startProxy, type Behaviour, type Proxy } from "./proxy";
